"""The last stages: the pipeline (check, render, format), black on workers, the
fingerprint cache, and writing into the output folder."""
