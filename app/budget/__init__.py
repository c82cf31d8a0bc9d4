"""Budget lines, cost entries, forecasts, benefits; analysis of coverage, sawtooth and ROI."""
