#include "changemarks.h"

#include <QPainter>

namespace bulkhead {

namespace {

constexpr qreal badgeRadius = 9;

} // namespace

QColor changeMarkColor(ChangeMark mark)
{
    switch (mark) {
    case ChangeMark::Added:
        return QColor(0x2e, 0x7d, 0x32);
    case ChangeMark::Changed:
        // Darker than a signal amber, so that it stays visible on the white canvas.
        return QColor(0xd9, 0x77, 0x06);
    case ChangeMark::Removed:
        return QColor(0xc6, 0x28, 0x28);
    }
    return Qt::black;
}

QPen changeMarkPen(ChangeMark mark, qreal width)
{
    QPen pen(changeMarkColor(mark), width);
    switch (mark) {
    case ChangeMark::Added:
        pen.setStyle(Qt::SolidLine);
        break;
    case ChangeMark::Changed:
        pen.setStyle(Qt::DashDotLine);
        break;
    case ChangeMark::Removed:
        pen.setStyle(Qt::DashLine);
        break;
    }
    pen.setCosmetic(false);
    return pen;
}

QString changeMarkSymbol(ChangeMark mark)
{
    switch (mark) {
    case ChangeMark::Added:
        return QStringLiteral("+");
    case ChangeMark::Changed:
        return QStringLiteral("~");
    case ChangeMark::Removed:
        return QStringLiteral("\u2212");
    }
    return {};
}

QRectF changeBadgeRect(const QPointF &centre)
{
    return {centre.x() - badgeRadius, centre.y() - badgeRadius, 2 * badgeRadius, 2 * badgeRadius};
}

void paintChangeBadge(QPainter *painter, const QPointF &centre, ChangeMark mark)
{
    painter->save();
    const QRectF disc = changeBadgeRect(centre);
    painter->setPen(QPen(Qt::white, 1.5));
    painter->setBrush(changeMarkColor(mark));
    painter->drawEllipse(disc);
    QFont font = painter->font();
    font.setPointSizeF(10);
    font.setBold(true);
    painter->setFont(font);
    painter->setPen(Qt::white);
    painter->drawText(disc, Qt::AlignCenter, changeMarkSymbol(mark));
    painter->restore();
}

} // namespace bulkhead
