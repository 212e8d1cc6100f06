#pragma once

#include "usecases/deploymentimport.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QToolBar;

namespace bulkhead {

class AnalysisController;
class DiagramScene;
class DiagramView;
class Document;
class EditorComparison;
class LayoutEngine;
class PropertyEditor;
class RecoveryManager;
class StencilPalette;
class ThreatDetails;
class ThreatsPanel;
enum class ReportFormat;
struct ReportOptions;

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
    /** File → Compare with…: the comparison with another model file, if any. */
    EditorComparison *comparison() const { return m_comparison; }
    /** Loads extra catalog files on top of the built-in catalog; errors are shown. */
    bool loadCatalogs(const QStringList &files);
    /** Writes a report of the current analysis; the error is shown and returned as false. */
    bool exportReport(const QString &path, ReportFormat format, const ReportOptions &options);
    /** As above with the default options, the format as ExportDialog::Format's int value. */
    bool exportReport(const QString &path, int format);
    using ImportSource = DeploymentSource;
    /**
     * Turns deployment files into a new, unsaved, laid-out model (replacing the current one,
     * which the caller has offered to save) and shows the import report. Errors name file and
     * line; the current model then stays.
     */
    bool importDeployment(ImportSource source, const QStringList &paths);
    /** Arranges the whole diagram with the layout engine as one undoable step. */
    bool autoLayout();
    /** The engine Arrange → Auto-layout uses (Graphviz unless replaced). */
    void setLayoutEngine(std::unique_ptr<LayoutEngine> engine);

    /** The examples compiled in, as resource paths. */
    static QStringList exampleResources();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createDocks();
    void createActions();
    void createFileMenu(QToolBar *toolBar);
    void createEditMenu(QToolBar *toolBar);
    void createViewMenu(QToolBar *toolBar);
    void createArrangeMenu(QToolBar *toolBar);
    void createAnalysisMenu();
    void createHelpMenu();
    void createMenus();
    QAction *addAction(QMenu *menu, const QString &text, const QString &iconName,
                       const QKeySequence &shortcut, const std::function<void()> &slot);

    bool maybeSave();
    void newDocument();
    void openWithDialog();
    bool save();
    bool saveAs();
    void revert();
    void exportWithDialog();
    void addRecentFile(const QString &path);
    void updateRecentMenu();
    void updateExamplesMenu();
    /** The examples with their descriptions in a dialog; the chosen one opens. */
    void browseExamples();
    void updateTitle();
    void updateStatus();
    void refreshProblems();
    void showAbout();
    /** Shows a threat of the canvas selection in the Threat panel (docs/editor.md). */
    void showThreatOfSelection(const QStringList &ids);
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
    std::unique_ptr<LayoutEngine> m_layoutEngine;
    QStringList m_extraCatalogs;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_examplesMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QLabel *m_zoomLabel = nullptr;
    QLabel *m_selectionLabel = nullptr;
    QAction *m_selectTool = nullptr;
    QAction *m_connectTool = nullptr;
    bool m_problemsQueued = false;
    EditorComparison *m_comparison = nullptr;
};

} // namespace bulkhead
