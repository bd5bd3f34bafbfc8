"""The Alexa interaction models, an offline resolver for them, and a linter."""
