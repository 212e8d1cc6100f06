#pragma once

#include <QObject>
#include <QString>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;

namespace bulkhead {

class AnalysisController;
class ComparisonController;
class ComparisonDock;
class ComparisonOverlay;
class DiagramScene;
class DiagramView;
class Document;

/**
 * File → Compare with…: the editor's view of a comparison with another model file. Puts the
 * controller, the canvas overlay and the side list together, and shows what a list entry
 * names. The dock joins the window at the first comparison, so a saved window layout never
 * shows it empty.
 */
class EditorComparison : public QObject
{
    Q_OBJECT

public:
    EditorComparison(QMainWindow *window, Document *document, DiagramScene *scene,
                     DiagramView *view, AnalysisController *analysis);
    ~EditorComparison() override;

    /** Adds "Compare with…" and "End Comparison" to the menu. */
    void addMenuActions(QMenu *menu);

    /**
     * Compares the document with the model file. A file that cannot be read leaves the
     * editor as it was; the reader's message (file and place) is in errorMessage.
     */
    bool start(const QString &path, QString *errorMessage);
    /** As start(), showing the message in a dialog. */
    bool compareWith(const QString &path);
    void end();

    ComparisonController *controller() const { return m_controller; }
    ComparisonOverlay *overlay() const { return m_overlay; }
    /** Null before the first comparison. */
    ComparisonDock *dock() const { return m_dock; }
    QDockWidget *dockWidget() const { return m_dockWidget; }

private:
    void ensureDock();
    void showItem(const QString &id, bool removed);
    void showThreatSubject(const QString &subjectId);

    QMainWindow *m_window;
    DiagramScene *m_scene;
    DiagramView *m_view;
    ComparisonController *m_controller;
    ComparisonOverlay *m_overlay;
    ComparisonDock *m_dock = nullptr;
    QDockWidget *m_dockWidget = nullptr;
    QAction *m_endAction = nullptr;
};

} // namespace bulkhead
