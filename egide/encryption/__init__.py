"""Encryption at rest of the most sensitive fields (AES-256-GCM, keys from the environment)."""
