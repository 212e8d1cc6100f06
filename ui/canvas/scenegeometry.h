#pragma once

#include "core/geometry.h"

#include <QRectF>

namespace bulkhead {

/** The model's rectangles and the scene's, both in scene coordinates. */
inline QRectF toQRect(const Rect &r)
{
    return QRectF(r.x, r.y, r.width, r.height);
}

inline Rect toRect(const QRectF &r)
{
    return Rect{r.x(), r.y(), r.width(), r.height()};
}

} // namespace bulkhead
