"""press models."""
