#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QListWidget;
class QMenu;

namespace bulkhead {

class AnalysisController;
class DiagramScene;
class DiagramView;
class Document;
class PropertyEditor;
class RecoveryManager;
class StencilPalette;
class ThreatDetails;
class ThreatsPanel;

/**
 * The application window: stencil palette (left), canvas (centre), properties (right),
 * problems and undo history (bottom); File, Edit, View, Arrange and Help menus.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(Document *document, QWidget *parent = nullptr);
    ~MainWindow() override;

    /** Opens a model file; a failure shows the loader's message and keeps the current model. */
    bool openFile(const QString &path);
    /** Opens one of the examples compiled into the application (":/examples/…"). */
    bool openExample(const QString &resourcePath);
    /** Asks about recovery files left by a crashed session; returns whether one was restored. */
    bool offerRecovery();

    DiagramScene *scene() const { return m_scene; }
    DiagramView *view() const { return m_view; }
    StencilPalette *palette() const { return m_palette; }
    PropertyEditor *propertyEditor() const { return m_properties; }
    QListWidget *problemsView() const { return m_problems; }
    RecoveryManager *recovery() const { return m_recovery; }
    AnalysisController *analysis() const { return m_analysis; }
    ThreatsPanel *threatsPanel() const { return m_threats; }
    ThreatDetails *threatDetails() const { return m_details; }
    /** Loads extra catalog files on top of the built-in catalog; errors are shown. */
    bool loadCatalogs(const QStringList &files);
    /**
     * Writes a report of the current analysis (format by ExportDialog::Format as int, so this
     * header needs no report types); the error is shown and returned as false.
     */
    bool exportReport(const QString &path, int format, bool includeMitigated = true,
                      bool includeNotApplicable = true, bool includeOutOfScope = true,
                      const QString &pageSize = QStringLiteral("A4"));
    enum class ImportSource { Compose, Kubernetes };
    /**
     * Turns deployment files into a new, unsaved, laid-out model (replacing the current one,
     * which the caller has offered to save) and shows the import report. Errors name file and
     * line; the current model then stays.
     */
    bool importDeployment(ImportSource source, const QStringList &paths);
    /** Arranges the whole diagram with Graphviz as one undoable step. */
    bool autoLayout();

    /** The examples compiled in, as resource paths. */
    static QStringList exampleResources();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createDocks();
    void createActions();
    void createMenus();
    QAction *addAction(QMenu *menu, const QString &text, const QString &iconName,
                       const QKeySequence &shortcut, const std::function<void()> &slot);

    bool maybeSave();
    void newDocument();
    void openWithDialog();
    bool save();
    bool saveAs();
    void revert();
    void addRecentFile(const QString &path);
    void updateRecentMenu();
    void updateExamplesMenu();
    void updateTitle();
    void updateStatus();
    void refreshProblems();
    void showAbout();
    void showThreat(const QString &threatId);

    Document *m_document;
    DiagramScene *m_scene;
    DiagramView *m_view;
    StencilPalette *m_palette = nullptr;
    PropertyEditor *m_properties = nullptr;
    QListWidget *m_problems = nullptr;
    RecoveryManager *m_recovery;
    AnalysisController *m_analysis;
    ThreatsPanel *m_threats = nullptr;
    ThreatDetails *m_details = nullptr;
    QStringList m_extraCatalogs;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_examplesMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QLabel *m_zoomLabel = nullptr;
    QLabel *m_selectionLabel = nullptr;
    QAction *m_selectTool = nullptr;
    QAction *m_connectTool = nullptr;
    bool m_problemsQueued = false;
};

} // namespace bulkhead
