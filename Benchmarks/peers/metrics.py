"""The metrics every tool in the benchmark computes, shared by the harness and the peers: (column, model).

"compound" metrics are fitted on ln(value), "linear" ones on the value, as scalectl's trend catalog does.
"""

METRICS = [
    ("users", "compound"),
    ("daily_active_users", "compound"),
    ("requests_per_month", "compound"),
    ("response_p95_ms", "linear"),
    ("error_rate", "linear"),
    ("db_connections", "compound"),
]
