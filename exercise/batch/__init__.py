"""Many seeded headless runs: sweeps and the validation experiments."""
