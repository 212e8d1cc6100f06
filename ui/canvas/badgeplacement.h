#pragma once

#include <QRectF>

#include <functional>

namespace bulkhead::badgeplacement {

/** The disc showing `count` open threats, centred at `centre`. */
QRectF discAt(const QPointF &centre, int count);

/**
 * Where an item's badge goes, in item coordinates: the first corner (top right, top left,
 * bottom right, bottom left) whose disc is clear of the item's `label` and not `blocked`
 * (flows and their labels); failing that, the first clear of the label; else top right.
 */
QPointF chooseCentre(const QSizeF &size, int count, const QRectF &label,
                     const std::function<bool(const QRectF &disc)> &blocked);

} // namespace bulkhead::badgeplacement
