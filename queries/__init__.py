"""Named Cypher queries (the `.cypher` files beside this module) and network analytics."""
