"""Data-parallel training on MXNet's own parameter server (kvstore over ps-lite).

`launch(command, num_workers, num_servers)` runs a job on this machine, bound
to 127.0.0.1; `gluon-opt launch -n 2 -s 1 -- python train.py` from a shell.
"""
from .launcher import Job, JobFailed, Terminated, free_port, launch

__all__ = ["launch", "Job", "JobFailed", "Terminated", "free_port"]
