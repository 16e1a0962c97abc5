"""Publishing a store with Datasette. `datasette_plugin` is loaded by Datasette itself
(through the `datasette` entry point, or `--plugins-dir` pointing at this folder for
`datasette publish`), so it imports nothing of timeline's and reads its metadata from the
JSON file beside it."""
