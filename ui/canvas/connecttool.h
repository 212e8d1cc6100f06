#pragma once

#include "canvastool.h"

class QGraphicsLineItem;

namespace bulkhead {

class ElementItem;

/**
 * Draws a data flow: a drag from one element to another adds a flow between them. A drag
 * whose source element goes away before the release (undone, removed) ends without a flow.
 */
class ConnectTool : public CanvasTool
{
public:
    using CanvasTool::CanvasTool;

    DiagramScene::Tool kind() const override { return DiagramScene::Tool::Connect; }

    void mousePressed(QGraphicsSceneMouseEvent *event) override;
    void mouseMoved(QGraphicsSceneMouseEvent *event) override;
    void mouseReleased(QGraphicsSceneMouseEvent *event) override;
    void cancel() override;

private:
    /**
     * The source element's item while it still exists: looked up by id on each move and on
     * release, since an undo or a change from elsewhere can delete it in the middle of the drag.
     */
    ElementItem *sourceItem() const;

    /** The element the drag started on; empty when no flow is being drawn. */
    QString m_sourceId;
    /** From the source's centre to the pointer while the flow is drawn. */
    QGraphicsLineItem *m_line = nullptr;
};

} // namespace bulkhead
