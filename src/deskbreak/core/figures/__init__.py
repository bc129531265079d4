"""Exercise illustrations drawn by code: pose data per exercise and a pure SVG renderer.

A figure is a few lines of YAML (joint angles per keyframe, props, which limbs are worked and how
the left side is worded); `skeleton` turns angles into points, `drawing` into shapes, `svg` into
text. Nothing here imports Qt; the player's `ui/figure.py` shows and animates the result, and
nothing of this is imported while the tray starts.
"""
