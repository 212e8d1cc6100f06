#pragma once

namespace bulkhead {

/** Scene coordinates in pixels, y pointing down (as on the canvas). */
struct Point
{
    double x = 0;
    double y = 0;
    friend bool operator==(const Point &, const Point &) = default;
};

struct Rect
{
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;
    friend bool operator==(const Rect &, const Rect &) = default;

    bool contains(const Rect &other) const
    {
        return other.x >= x && other.y >= y && other.x + other.width <= x + width
               && other.y + other.height <= y + height;
    }
};

} // namespace bulkhead
