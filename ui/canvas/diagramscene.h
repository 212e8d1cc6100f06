#pragma once

#include "document.h"

#include <QGraphicsScene>
#include <QHash>
#include <QMultiHash>

#include <memory>
#include <optional>

namespace bulkhead {

class AnalysisController;
class BoundaryItem;
class CanvasTool;
class ConnectTool;
class ElementItem;
class FlowItem;
class NodeItem;
class PlaceTool;
class SelectTool;

/**
 * The canvas: mirrors the document's diagram as items (never owning model data) and hands
 * mouse work to the active tool (canvastool.h), which turns it into undoable commands: select
 * and move (with rubber band and resize), place a kind (click, or drag out a boundary), and
 * draw flows (drag from element to element).
 */
class DiagramScene : public QGraphicsScene
{
    Q_OBJECT

public:
    enum class Tool { Select, Place, Connect };

    /** MIME type of a kind dragged from the palette; the data is the kind id. */
    static QString kindMimeType();
    /** MIME type of copied items: a model file holding just them (diagramclipboard.h). */
    static QString itemsMimeType();

    explicit DiagramScene(Document *document, QObject *parent = nullptr);
    ~DiagramScene() override;

    Document *document() const { return m_document; }
    /** Shows each item's open threats as a badge, following the analysis. */
    void setAnalysis(AnalysisController *analysis);

    Tool tool() const;
    /** The tool that gets the mouse: its cursor and whether it selects with a rubber band. */
    const CanvasTool &activeTool() const { return *m_activeTool; }
    QString placingKind() const;
    /** Place mode for a kind: the next click (or drag, for boundaries) adds one. */
    void startPlacing(const QString &kind);
    /** Switches tools, dropping whatever the current one had half done. */
    void setTool(Tool tool);

    bool showGrid() const { return m_showGrid; }
    void setShowGrid(bool show);
    bool snapToGrid() const { return m_snapToGrid; }
    void setSnapToGrid(bool snap);
    static constexpr int gridSize = 20;

    /** The point on the grid nearest to `point` when snapping is on, else `point`. */
    QPointF snapped(const QPointF &point) const;

    /** A drag or resize is in progress: items may draw faster and plainer. */
    bool isInteracting() const;

    QStringList selectedIds() const;
    void selectIds(const QStringList &ids);
    ElementItem *elementItem(const QString &id) const { return m_elements.value(id); }
    BoundaryItem *boundaryItem(const QString &id) const { return m_boundaries.value(id); }
    FlowItem *flowItem(const QString &id) const { return m_flows.value(id); }
    /** The scene rectangle of all items, for fit-to-window and exports. */
    QRectF diagramBounds() const;

    // For the tools.
    /** The topmost element (or, unless `elementsOnly`, boundary) at the point. */
    NodeItem *nodeAt(const QPointF &scenePos, bool elementsOnly) const;
    /** The innermost boundary whose area holds `point`, skipping `excluded` and its contents. */
    QString containerAt(const QPointF &point, const NodeItem *excluded) const;
    /** The items in `container` that a new boundary over `area` takes in: model order. */
    QList<const NodeItem *> adoptedBy(const QRectF &area, const QString &container) const;
    /** Re-routes the flows of the element, or of everything the boundary holds. */
    void updateFlowsWithin(NodeItem *item);
    /** Qt's own handling of a mouse event: selection, and moving the selected items. */
    void defaultMouseEvent(QGraphicsSceneMouseEvent *event);

    // Editing, each one undoable step.
    void deleteSelection();
    void copySelection() const;
    void cutSelection();
    /**
     * Adds the clipboard's items centred on the pointer when it is over a view of the scene,
     * else a little down and right of where they were copied, inside the same boundary.
     */
    void paste();
    /** Copies of the selected items, as a paste would add them; the clipboard stays as it is. */
    void duplicateSelection();
    /** The scene point under the mouse pointer, when it is over one of the scene's views. */
    std::optional<QPointF> pointerPosition() const;
    /** Adds an item of `kind` centred on `scenePos` (used by drops, clicks and tests). */
    QString addKindAt(const QString &kind, const QPointF &scenePos, const QSizeF &size = QSizeF());

    // Called by NodeItem.
    QPointF snappedPosition(const NodeItem *item, const QPointF &position) const;
    void nodeMoved(NodeItem *item);

Q_SIGNALS:
    void toolChanged(bulkhead::DiagramScene::Tool tool);
    void selectedIdsChanged(const QStringList &ids);
    void renameRequested(const QString &id);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void dragEnterEvent(QGraphicsSceneDragDropEvent *event) override;
    void dragMoveEvent(QGraphicsSceneDragDropEvent *event) override;
    void dropEvent(QGraphicsSceneDragDropEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;

private:
    CanvasTool *toolFor(Tool tool) const;
    void rebuild();
    void onItemAdded(const QString &id, ItemType type);
    void onItemRemoved(const QString &id, ItemType type);
    void onItemChanged(const QString &id, ItemType type, ItemChanges changes);
    void removeFlowItem(const QString &id);
    /** What a new item needs: placing where the model says, and routing its flows. */
    static constexpr ItemChanges newItem = ItemChange::Geometry | ItemChange::Container;
    /** The item for the id, created when missing (and then `changes` becomes newItem). */
    template<typename Item>
    Item *itemFor(QHash<QString, Item *> &items, const QString &id, ItemChanges &changes);
    /**
     * Creates or updates the item of `type` with this id as the model has it, redoing only
     * what `changes` affect; nothing when the model has no such item.
     */
    void syncItem(const QString &id, ItemType type, ItemChanges changes = newItem);
    /** An element or a boundary: `Item` is its graphics item, `container` where it sits. */
    template<typename Item, typename Node>
    void syncNode(QHash<QString, Item *> &items, const QString &id, const Node &node,
                  const std::string &container, const QSizeF &defaultSize, ItemChanges changes);
    void syncFlow(const QString &id, const Flow &flow, ItemChanges changes);
    void placeNode(NodeItem *item, const QRectF &absolute, const QString &containerId);
    void updateFlowsOf(const QString &elementId);
    void updateFlow(FlowItem *flow);
    void growSceneRect();

    void updateBadges();
    /** Puts the element's badge on a corner clear of its label and of flows (badgeplacement.h). */
    void placeBadge(ElementItem *item);

    Document *m_document;
    AnalysisController *m_analysis = nullptr;
    QHash<QString, ElementItem *> m_elements;
    QHash<QString, BoundaryItem *> m_boundaries;
    QHash<QString, FlowItem *> m_flows;
    QMultiHash<QString, FlowItem *> m_flowsByElement;

    std::unique_ptr<SelectTool> m_selectTool;
    std::unique_ptr<PlaceTool> m_placeTool;
    std::unique_ptr<ConnectTool> m_connectTool;
    CanvasTool *m_activeTool;
    bool m_showGrid = true;
    bool m_snapToGrid = true;
    bool m_syncing = false;
};

} // namespace bulkhead
