"""visas models."""
