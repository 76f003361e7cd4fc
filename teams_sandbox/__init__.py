"""A local fake of Microsoft Teams for tests and demos: the Bot Connector REST endpoints, its OpenID/JWKS
documents and token endpoint, and the Microsoft Graph calls the Teams adapter makes, on loopback."""
