#include "selecttool.h"

#include "boundaryitem.h"
#include "document.h"
#include "elementitem.h"
#include "flowitem.h"
#include "scenegeometry.h"
#include "selectionmoves.h"

#include <QGraphicsSceneMouseEvent>
#include <QUndoStack>

#include <algorithm>

namespace bulkhead {

namespace {

constexpr QSizeF minimumBoundarySize(120, 80);

} // namespace

BoundaryItem *SelectTool::resizeHandleAt(const QPointF &scenePos) const
{
    for (QGraphicsItem *item : scene()->items(scenePos)) {
        auto *boundary = qgraphicsitem_cast<BoundaryItem *>(item);
        if (boundary && boundary->isSelected()
            && boundary->isOnResizeHandle(boundary->mapFromScene(scenePos)))
            return boundary;
        // An element or flow on top of the corner takes the press.
        if (qgraphicsitem_cast<ElementItem *>(item) || qgraphicsitem_cast<FlowItem *>(item))
            break;
    }
    return nullptr;
}

void SelectTool::mousePressed(QGraphicsSceneMouseEvent *event)
{
    if (BoundaryItem *boundary = resizeHandleAt(event->scenePos())) {
        m_resizing = boundary;
        m_resizeStart = boundary->sceneShapeRect();
        event->accept();
        return;
    }
    scene()->defaultMouseEvent(event);
    m_dragStart.clear();
    for (QGraphicsItem *item : scene()->selectedItems()) {
        if (NodeItem *node = nodeItemCast(item))
            m_dragStart.insert(node, node->sceneShapeRect());
    }
    m_dragging = !m_dragStart.isEmpty();
}

void SelectTool::mouseMoved(QGraphicsSceneMouseEvent *event)
{
    if (!m_resizing) {
        scene()->defaultMouseEvent(event);
        return;
    }
    const QPointF corner = scene()->snapped(event->scenePos());
    const QSizeF size(std::max(minimumBoundarySize.width(), corner.x() - m_resizeStart.left()),
                      std::max(minimumBoundarySize.height(), corner.y() - m_resizeStart.top()));
    m_resizing->setSize(size);
    scene()->updateFlowsWithin(m_resizing);
}

void SelectTool::mouseReleased(QGraphicsSceneMouseEvent *event)
{
    if (m_resizing) {
        commitResize();
        return;
    }
    scene()->defaultMouseEvent(event);
    if (m_dragging)
        commitDrag();
}

void SelectTool::cancel()
{
    m_dragStart.clear();
    m_dragging = false;
    m_resizing = nullptr;
}

void SelectTool::commitResize()
{
    BoundaryItem *item = std::exchange(m_resizing, nullptr);
    scene()->update(); // back to full quality
    const QRectF now = item->sceneShapeRect();
    if (now == m_resizeStart)
        return;
    Document *document = scene()->document();
    const QString container = containerOf(document->model(), item->id());
    std::vector<ItemMove> moves{
        {item->id(), toRect(m_resizeStart), toRect(now), container, container}};
    document->undoStack()->push(
        new MoveItemsCommand(document, std::move(moves), QObject::tr("Resize boundary")));
}

void SelectTool::commitDrag()
{
    m_dragging = false;
    scene()->update(); // back to full quality
    const auto starts = std::exchange(m_dragStart, {});
    QSet<const NodeItem *> dragged;
    for (auto it = starts.keyBegin(); it != starts.keyEnd(); ++it)
        dragged.insert(*it);
    Document *document = scene()->document();
    const ThreatModel &model = document->model();
    std::vector<ItemMove> moves;
    QSet<const NodeItem *> handled;
    // The items the user dragged (not those carried along inside a dragged boundary) may land
    // in a new boundary; everything that moved gets its new absolute geometry.
    for (auto it = starts.constBegin(); it != starts.constEnd(); ++it) {
        NodeItem *node = it.key();
        const QRectF now = node->sceneShapeRect();
        if (isCarriedBy(node, dragged) || now == it.value())
            continue;
        handled.insert(node);
        const QString oldContainer = containerOf(model, node->id());
        const QString newContainer = scene()->containerAt(now.center(), node);
        moves.push_back({node->id(), toRect(it.value()), toRect(now), oldContainer, newContainer});
        appendContentMoves(model, node, it.value().topLeft() - now.topLeft(), QPointF(), handled,
                           moves);
    }
    if (moves.empty())
        return;
    const auto wasDragged = [&](const ItemMove &m) {
        return std::any_of(dragged.begin(), dragged.end(),
                           [&](const NodeItem *n) { return n->id() == m.id; });
    };
    const int count = std::max(1, int(std::count_if(moves.begin(), moves.end(), wasDragged)));
    document->undoStack()->push(new MoveItemsCommand(
        document, std::move(moves),
        count == 1 ? QObject::tr("Move 1 item") : QObject::tr("Move %n items", nullptr, count)));
}

} // namespace bulkhead
