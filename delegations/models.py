"""delegations models."""
