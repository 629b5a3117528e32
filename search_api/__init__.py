"""Search: the query model, the search backends and the JSON API."""
