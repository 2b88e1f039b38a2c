"""Build tools of the knowledge base: load, validate, model and render protocols."""
