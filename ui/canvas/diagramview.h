#pragma once

#include <QGraphicsView>

class QLineEdit;

namespace bulkhead {

class DiagramScene;

/**
 * The view on the canvas: zoom (Ctrl+wheel, fit, 100%), panning with the middle button or
 * Space held, rubber-band selection in the select tool, and in-place renaming.
 */
class DiagramView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit DiagramView(DiagramScene *scene, QWidget *parent = nullptr);

    DiagramScene *diagramScene() const { return m_scene; }
    qreal zoom() const { return transform().m11(); }
    void setZoom(qreal zoom);
    void zoomIn();
    void zoomOut();
    void fitToWindow();
    void resetZoom();
    /** Opens an editor over the item's label; Enter renames (one undo step), Esc cancels. */
    void startRename(const QString &id);

    static constexpr qreal minimumZoom = 0.1;
    static constexpr qreal maximumZoom = 4.0;

Q_SIGNALS:
    void zoomChanged(qreal zoom);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateDragMode();
    void finishRename(bool accept);

    DiagramScene *m_scene;
    QPoint m_panStart;
    bool m_panning = false;
    bool m_spaceHeld = false;
    QLineEdit *m_renameEditor = nullptr;
    QString m_renamingId;
};

} // namespace bulkhead
