#include "badgeplacement.h"

#include <QFont>
#include <QFontMetricsF>
#include <QString>

#include <algorithm>
#include <array>

namespace bulkhead::badgeplacement {

namespace {

constexpr qreal discHeight = 16;
/** How far a corner's disc centre sits in from the side, so it straddles the outline. */
constexpr qreal cornerInset = 2;

} // namespace

QRectF discAt(const QPointF &centre, int count)
{
    QFont font;
    font.setPointSizeF(7.5);
    font.setBold(true);
    const QString text = count > 99 ? QStringLiteral("99+") : QString::number(count);
    const qreal width = std::max(discHeight, QFontMetricsF(font).horizontalAdvance(text) + 8);
    return QRectF(centre.x() - width / 2, centre.y() - discHeight / 2, width, discHeight);
}

QPointF chooseCentre(const QSizeF &size, int count, const QRectF &label,
                     const std::function<bool(const QRectF &disc)> &blocked)
{
    const qreal right = size.width() - cornerInset;
    const std::array<QPointF, 4> corners{QPointF(right, 0), QPointF(cornerInset, 0),
                                         QPointF(right, size.height()),
                                         QPointF(cornerInset, size.height())};
    auto clearOfLabel = [&](const QPointF &c) { return !discAt(c, count).intersects(label); };
    for (const QPointF &c : corners) {
        if (clearOfLabel(c) && !blocked(discAt(c, count)))
            return c;
    }
    const auto firstClear = std::find_if(corners.begin(), corners.end(), clearOfLabel);
    return firstClear != corners.end() ? *firstClear : corners.front();
}

} // namespace bulkhead::badgeplacement
