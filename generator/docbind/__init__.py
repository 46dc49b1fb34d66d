"""docbind: turn API documentation tables into validated Python clients."""

__version__ = "0.1.0"
