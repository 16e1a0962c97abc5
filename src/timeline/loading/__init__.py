"""Event files in: their formats read into raw events (`formats`), validated into batches
of Events in flat memory (`reading`, which knows nothing of the store), and written to the
store in one transaction (`into_store`)."""
