#pragma once

#include "changemarks.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace bulkhead {

class ChangeOutlineItem;
class ComparisonController;
class DiagramScene;
class GhostItem;

/**
 * What a comparison shows on the canvas: outlines on added and changed items, ghosts of
 * removed ones, rebuilt from the controller's report whenever it changes and removed when the
 * comparison ends. Manual threats and register entries have nothing on the canvas.
 */
class ComparisonOverlay : public QObject
{
    Q_OBJECT

public:
    ComparisonOverlay(DiagramScene *scene, ComparisonController *comparison,
                      QObject *parent = nullptr);
    ~ComparisonOverlay() override;

    /** The outline on the item with this id, or nullptr. */
    ChangeOutlineItem *outlineOf(const QString &id) const;
    /** The ghost of the removed item with this id, or nullptr. */
    GhostItem *ghostOf(const QString &id) const;
    QList<ChangeOutlineItem *> outlines() const;
    QList<GhostItem *> ghosts() const;
    /** Draws that ghost stronger (and no other); returns it, or nullptr when there is none. */
    GhostItem *highlightGhost(const QString &id);

private:
    void rebuild();
    void clear();
    void addOutline(const CanvasMark &mark);
    void addGhost(const CanvasMark &mark);

    DiagramScene *m_scene;
    ComparisonController *m_comparison;
    // Outlines are children of diagram items and die with them; QPointer notices.
    QList<QPointer<ChangeOutlineItem>> m_outlines;
    QList<QPointer<GhostItem>> m_ghosts;
};

} // namespace bulkhead
