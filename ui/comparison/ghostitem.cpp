#include "ghostitem.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QtMath>

#include <algorithm>
#include <cmath>

namespace bulkhead {

namespace {

constexpr qreal penWidth = 2;
constexpr qreal highlightedPenWidth = 4;
/** Room around a ghost for its badge and its highlighted pen. */
constexpr qreal margin = 12;

/** Where the ray from the rectangle's centre towards `towards` leaves the rectangle. */
QPointF borderPoint(const QRectF &rect, const QPointF &towards)
{
    const QPointF centre = rect.center();
    const QPointF direction = towards - centre;
    const qreal dx = std::abs(direction.x());
    const qreal dy = std::abs(direction.y());
    if (dx < 1e-9 && dy < 1e-9)
        return centre;
    const qreal tx = dx < 1e-9 ? 1e9 : rect.width() / 2 / dx;
    const qreal ty = dy < 1e-9 ? 1e9 : rect.height() / 2 / dy;
    return centre + direction * std::min({tx, ty, qreal(1)});
}

} // namespace

QLineF lineBetweenBorders(const QRectF &from, const QRectF &to)
{
    return {borderPoint(from, to.center()), borderPoint(to, from.center())};
}

GhostItem::GhostItem(MarkedItem type, const QString &id, const QString &name, const QRectF &area,
                     const QString &toolTip)
    : m_type(type)
    , m_id(id)
    , m_name(name)
    , m_area(area)
{
    setUp(toolTip);
}

GhostItem::GhostItem(const QString &id, const QString &name, const QLineF &line,
                     const QString &toolTip)
    : m_type(MarkedItem::Flow)
    , m_id(id)
    , m_name(name)
    , m_line(line)
{
    setUp(toolTip);
}

void GhostItem::setUp(const QString &toolTip)
{
    setFlags({});
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    setToolTip(toolTip);
    // Above boundaries and elements: a ghost over a live item must still be seen as a ghost.
    setZValue(m_type == MarkedItem::Boundary ? 5 : 50);
}

void GhostItem::setHighlighted(bool highlighted)
{
    if (highlighted == m_highlighted)
        return;
    m_highlighted = highlighted;
    update();
}

QString GhostItem::label() const
{
    return tr("%1 (removed)").arg(m_name);
}

QRectF GhostItem::boundingRect() const
{
    if (m_type == MarkedItem::Flow) {
        const QRectF line = QRectF(m_line.p1(), m_line.p2()).normalized();
        // The label sits above the middle of the line.
        const QRectF labelRoom(m_line.center() - QPointF(150, 30), QSizeF(300, 30));
        return line.united(labelRoom).adjusted(-margin, -margin, margin, margin);
    }
    return m_area.adjusted(-margin, -margin, margin, margin);
}

QPainterPath GhostItem::shape() const
{
    QPainterPath path;
    if (m_type == MarkedItem::Flow) {
        path.moveTo(m_line.p1());
        path.lineTo(m_line.p2());
        QPainterPathStroker stroker;
        stroker.setWidth(8);
        return stroker.createStroke(path);
    }
    path.addRect(m_area);
    return path;
}

void GhostItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    if (m_type == MarkedItem::Flow)
        paintFlow(painter);
    else
        paintNode(painter);
}

void GhostItem::paintFlow(QPainter *painter) const
{
    const qreal width = m_highlighted ? highlightedPenWidth : penWidth;
    painter->setPen(changeMarkPen(ChangeMark::Removed, width));
    painter->drawLine(m_line);
    // An open arrowhead at the target end, as drawn flows have one.
    if (m_line.length() > 1) {
        const qreal angle = std::atan2(-m_line.dy(), m_line.dx());
        const QPointF tip = m_line.p2();
        const qreal size = 10;
        const QPointF left = tip
                             - QPointF(std::cos(angle - M_PI / 7) * size,
                                       -std::sin(angle - M_PI / 7) * size);
        const QPointF right = tip
                              - QPointF(std::cos(angle + M_PI / 7) * size,
                                        -std::sin(angle + M_PI / 7) * size);
        painter->setPen(QPen(changeMarkColor(ChangeMark::Removed), width));
        painter->drawLine(tip, left);
        painter->drawLine(tip, right);
    }
    const QRectF labelRect(m_line.center() - QPointF(150, 26), QSizeF(300, 20));
    painter->setPen(changeMarkColor(ChangeMark::Removed));
    painter->drawText(labelRect, Qt::AlignCenter | Qt::TextSingleLine,
                      painter->fontMetrics().elidedText(label(), Qt::ElideRight, 300));
    paintChangeBadge(painter, m_line.center(), ChangeMark::Removed);
}

void GhostItem::paintNode(QPainter *painter) const
{
    const QColor red = changeMarkColor(ChangeMark::Removed);
    QColor hatch = red;
    hatch.setAlpha(m_highlighted ? 160 : 90);
    if (m_type == MarkedItem::Element) {
        // White under the hatching, so the ghost does not read as part of what lies below.
        QColor veil = Qt::white;
        veil.setAlpha(m_highlighted ? 230 : 170);
        painter->fillRect(m_area, veil);
        painter->fillRect(m_area, QBrush(hatch, Qt::BDiagPattern));
    } else if (m_highlighted) {
        painter->fillRect(m_area, QBrush(hatch, Qt::BDiagPattern));
    }
    painter->setPen(
        changeMarkPen(ChangeMark::Removed, m_highlighted ? highlightedPenWidth : penWidth));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(m_area, 6, 6);
    painter->setPen(red);
    QFont font = painter->font();
    font.setBold(true);
    painter->setFont(font);
    const QRectF text = m_type == MarkedItem::Element ? m_area.adjusted(6, 4, -6, -4)
                                                      : QRectF(m_area.topLeft() + QPointF(14, 4),
                                                               QSizeF(m_area.width() - 20, 20));
    const int flags = m_type == MarkedItem::Element
                          ? Qt::AlignCenter | Qt::TextWordWrap
                          : Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap;
    painter->drawText(text, flags, label());
    paintChangeBadge(painter, m_area.topLeft(), ChangeMark::Removed);
}

} // namespace bulkhead
