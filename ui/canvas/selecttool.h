#pragma once

#include "canvastool.h"

#include <QHash>
#include <QRectF>

namespace bulkhead {

class BoundaryItem;
class NodeItem;

/**
 * Select and move: clicks and the rubber band select (Qt's own handling), a drag moves the
 * selection and what it holds as one undo step, and a selected boundary's corner resizes it.
 */
class SelectTool : public CanvasTool
{
public:
    using CanvasTool::CanvasTool;

    DiagramScene::Tool kind() const override { return DiagramScene::Tool::Select; }
    QCursor cursor() const override { return Qt::ArrowCursor; }
    bool usesRubberBand() const override { return true; }
    bool isInteracting() const override { return m_dragging || m_resizing; }

    void mousePressed(QGraphicsSceneMouseEvent *event) override;
    void mouseMoved(QGraphicsSceneMouseEvent *event) override;
    void mouseReleased(QGraphicsSceneMouseEvent *event) override;
    void cancel() override;

private:
    /** The selected boundary whose resize handle is under the point, if any. */
    BoundaryItem *resizeHandleAt(const QPointF &scenePos) const;
    void commitDrag();
    void commitResize();

    /** Where each selected item started, so the whole drag is one undo step. */
    QHash<NodeItem *, QRectF> m_dragStart;
    bool m_dragging = false;
    BoundaryItem *m_resizing = nullptr;
    QRectF m_resizeStart;
};

} // namespace bulkhead
