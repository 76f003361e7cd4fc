"""Operations: the production server, metrics, health probes, structured logs and the deployment files."""
