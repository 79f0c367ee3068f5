"""Running the platform: what a load balancer and Prometheus ask each process (health probes,
metrics), and the local highly available topology with its drills (`egide cluster`)."""
