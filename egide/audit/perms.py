"""Who may do what with the audit log: only the auditor / DPO reads it."""

from egide.accounts.roles import Role


def can_read_audit_log(membership) -> bool:
    return membership is not None and membership.role == Role.AUDITOR
