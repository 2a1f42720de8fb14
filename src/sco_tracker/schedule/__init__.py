"""The scheduler: the APScheduler daemon, its jobs and its triggers."""
