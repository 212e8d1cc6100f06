#pragma once

#include "diagramscene.h"

#include <QCursor>

class QGraphicsSceneMouseEvent;
class QKeyEvent;

namespace bulkhead {

/**
 * One way of working on the canvas (select and move, place a kind, draw flows). The scene
 * hands the left button's press, moves and release, and keys, to the active tool; each tool
 * keeps the state of its own interaction and turns it into undoable commands.
 */
class CanvasTool
{
public:
    explicit CanvasTool(DiagramScene *scene)
        : m_scene(scene)
    {}
    virtual ~CanvasTool() = default;
    CanvasTool(const CanvasTool &) = delete;
    CanvasTool &operator=(const CanvasTool &) = delete;

    virtual DiagramScene::Tool kind() const = 0;
    /** The view's cursor while the tool is active. */
    virtual QCursor cursor() const { return Qt::CrossCursor; }
    /** Whether a drag on empty canvas selects with a rubber band (the view draws it). */
    virtual bool usesRubberBand() const { return false; }
    /** A drag or resize is in progress: items may draw faster and plainer. */
    virtual bool isInteracting() const { return false; }

    virtual void mousePressed(QGraphicsSceneMouseEvent *event) = 0;
    virtual void mouseMoved(QGraphicsSceneMouseEvent *event) = 0;
    virtual void mouseReleased(QGraphicsSceneMouseEvent *event) = 0;
    /** True when the tool used the key; the scene handles the rest. */
    virtual bool keyPressed(QKeyEvent *event);
    /** Drops the interaction in progress without a command (tool switch, model reset). */
    virtual void cancel() {}

protected:
    DiagramScene *scene() const { return m_scene; }

private:
    DiagramScene *m_scene;
};

} // namespace bulkhead
