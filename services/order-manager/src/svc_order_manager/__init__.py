"""Omni Alpha order-manager: order state machine, execution algorithms, child orders, fills."""
