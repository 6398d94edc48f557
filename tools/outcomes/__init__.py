"""What RMs did about suggested actions: the outcome policy, action keys, the outcome book."""
