"""What every app's API shares: language, expansion, caching, pagination, incremental sync and errors."""
