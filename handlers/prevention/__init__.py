"""Prevention in Slack: the account register modal, deactivation events, Revoked and Keep/Remove buttons."""
