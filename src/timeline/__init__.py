"""timeline: dated events between countries, kept in YAML and asked about in the terminal."""
