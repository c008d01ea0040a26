"""`python -m ucn`: the `ucn` command, with the same options and exit statuses."""

from .cli import main

if __name__ == "__main__":
    main()
