#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

namespace bulkhead {

/**
 * One of Bulkhead's own action icons (ui/icons/actions/NAME.svg, compiled in) drawn in `color`
 * at the usual toolbar and menu sizes, left-right mirrored when `mirrored`; a null icon for an
 * unknown name.
 */
QIcon actionIcon(const QString &name, const QColor &color, bool mirrored = false);

} // namespace bulkhead
