#include "mainwindow.h"

#include "analysiscontroller.h"
#include "canvas/diagramscene.h"
#include "canvas/diagramview.h"
#include "canvas/emptycanvashint.h"
#include "catalog/catalog.h"
#include "comparison/editorcomparison.h"
#include "core/itemref.h"
#include "document.h"
#include "examplelibrary.h"
#include "exportdialog.h"
#include "helpdialogs.h"
#include "icons/actionicons.h"
#include "importreportdialog.h"
#include "io/modelreader.h"
#include "layout/graphvizlayoutengine.h"
#include "modelpropertiesdialog.h"
#include "panels/propertyeditor.h"
#include "panels/catalogbrowser.h"
#include "panels/defenseindepthpanel.h"
#include "panels/stencilpalette.h"
#include "panels/stridematrixview.h"
#include "panels/threatdetails.h"
#include "panels/threatspanel.h"
#include "recoverymanager.h"
#include "reimportdialog.h"
#include "report/reportwriter.h"
#include "usecases/autolayout.h"
#include "usecases/reportexport.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QUndoView>

#include <algorithm>
#include <filesystem>

namespace bulkhead {

namespace {

constexpr int IdRole = Qt::UserRole;
constexpr int maxRecentFiles = 10;
const QString fileFilter = QStringLiteral(
    "Bulkhead models (*.bulkhead.json);;JSON files (*.json);;All files (*)");

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

} // namespace

MainWindow::MainWindow(Document *document, QWidget *parent)
    : QMainWindow(parent)
    , m_document(document)
    , m_scene(new DiagramScene(document, this))
    , m_view(new DiagramView(m_scene, this))
    , m_recovery(new RecoveryManager(document, this))
    , m_analysis(new AnalysisController(document, this))
    , m_layoutEngine(std::make_unique<GraphvizLayoutEngine>())
{
    m_scene->setAnalysis(m_analysis);
    setObjectName(QStringLiteral("mainWindow"));
    setCentralWidget(m_view);
    createDocks();
    m_comparison = new EditorComparison(this, document, m_scene, m_view, m_analysis);
    createActions();

    m_zoomLabel = new QLabel(this);
    m_selectionLabel = new QLabel(this);
    m_selectionLabel->setObjectName(QStringLiteral("selectionLabel"));
    statusBar()->addWidget(m_selectionLabel, 1);
    statusBar()->addPermanentWidget(m_zoomLabel);

    connect(m_document, &Document::modelReset, this, [this] {
        updateTitle();
        refreshProblems();
        QTimer::singleShot(0, m_view, &DiagramView::fitToWindow);
    });
    connect(m_document, &Document::changed, this, [this] {
        // Validation follows edits, but once per burst of changes, not per item.
        if (!m_problemsQueued) {
            m_problemsQueued = true;
            QTimer::singleShot(0, this, [this] {
                m_problemsQueued = false;
                refreshProblems();
                updateStatus();
            });
        }
    });
    connect(m_document, &Document::metadataChanged, this, &MainWindow::updateTitle);
    connect(m_document, &Document::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &Document::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_view, &DiagramView::zoomChanged, this, &MainWindow::updateStatus);
    connect(m_scene, &DiagramScene::selectedIdsChanged, this, [this](const QStringList &ids) {
        m_properties->setSelection(ids);
        m_threats->setCanvasSelection(ids);
        showThreatOfSelection(ids);
        updateStatus();
    });
    connect(m_threats, &ThreatsPanel::threatSelected, this, &MainWindow::showThreat);
    connect(m_palette, &StencilPalette::kindActivated, this, [this](const QString &kind) {
        m_scene->startPlacing(kind);
        m_view->setFocus();
    });

    resize(1400, 880);
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    updateTitle();
    updateStatus();
    refreshProblems();
}

MainWindow::~MainWindow() = default;

void MainWindow::createDocks()
{
    m_palette = new StencilPalette(m_document->catalog(), this);
    auto *paletteDock = new QDockWidget(tr("Stencil"), this);
    paletteDock->setObjectName(QStringLiteral("stencilDock"));
    paletteDock->setWidget(m_palette);
    addDockWidget(Qt::LeftDockWidgetArea, paletteDock);

    m_properties = new PropertyEditor(m_document, this);
    auto *propertiesDock = new QDockWidget(tr("Properties"), this);
    propertiesDock->setObjectName(QStringLiteral("propertiesDock"));
    propertiesDock->setWidget(m_properties);
    addDockWidget(Qt::RightDockWidgetArea, propertiesDock);

    m_problems = new QListWidget(this);
    m_problems->setObjectName(QStringLiteral("problemsList"));
    auto *problemsDock = new QDockWidget(tr("Problems"), this);
    problemsDock->setObjectName(QStringLiteral("problemsDock"));
    problemsDock->setWidget(m_problems);
    addDockWidget(Qt::BottomDockWidgetArea, problemsDock);
    auto select = [this](QListWidgetItem *item) {
        const QString id = item->data(IdRole).toString();
        if (!id.isEmpty()) {
            m_scene->selectIds({id});
            if (QGraphicsItem *target = m_scene->selectedItems().value(0))
                m_view->centerOn(target);
        }
    };
    connect(m_problems, &QListWidget::itemClicked, this, select);
    connect(m_problems, &QListWidget::itemActivated, this, select);

    m_details = new ThreatDetails(m_analysis, this);
    auto *detailsDock = new QDockWidget(tr("Threat"), this);
    detailsDock->setObjectName(QStringLiteral("threatDetailsDock"));
    detailsDock->setWidget(m_details);
    addDockWidget(Qt::RightDockWidgetArea, detailsDock);
    tabifyDockWidget(propertiesDock, detailsDock);
    propertiesDock->raise();

    m_threats = new ThreatsPanel(m_analysis, this);
    auto *threatsDock = new QDockWidget(tr("Threats"), this);
    threatsDock->setObjectName(QStringLiteral("threatsDock"));
    threatsDock->setWidget(m_threats);
    addDockWidget(Qt::BottomDockWidgetArea, threatsDock);

    auto *defense = new DefenseInDepthPanel(m_analysis, this);
    auto *defenseDock = new QDockWidget(tr("Defense in depth"), this);
    defenseDock->setObjectName(QStringLiteral("defenseDock"));
    defenseDock->setWidget(defense);
    addDockWidget(Qt::BottomDockWidgetArea, defenseDock);
    connect(defense, &DefenseInDepthPanel::threatActivated, this, [this](const QString &id) {
        m_threats->selectThreat(id);
        showThreat(id);
    });

    auto *matrix = new StrideMatrixView(m_analysis, this);
    auto *matrixDock = new QDockWidget(tr("STRIDE per element"), this);
    matrixDock->setObjectName(QStringLiteral("matrixDock"));
    matrixDock->setWidget(matrix);
    addDockWidget(Qt::BottomDockWidgetArea, matrixDock);
    connect(matrix, &StrideMatrixView::subjectActivated, this, [this](const QString &subject) {
        m_scene->selectIds({subject});
        if (QGraphicsItem *item = m_scene->selectedItems().value(0))
            m_view->centerOn(item);
    });

    auto *undoView = new QUndoView(m_document->undoStack(), this);
    undoView->setEmptyLabel(tr("<opened>"));
    auto *historyDock = new QDockWidget(tr("History"), this);
    historyDock->setObjectName(QStringLiteral("historyDock"));
    historyDock->setWidget(undoView);
    addDockWidget(Qt::BottomDockWidgetArea, historyDock);
    tabifyDockWidget(threatsDock, defenseDock);
    tabifyDockWidget(threatsDock, matrixDock);
    tabifyDockWidget(threatsDock, problemsDock);
    tabifyDockWidget(threatsDock, historyDock);
    threatsDock->raise();
    // The property editor asks for room to show an image reference beside its label.
    resizeDocks({paletteDock, propertiesDock}, {230, m_properties->sizeHint().width()},
                Qt::Horizontal);
    resizeDocks({threatsDock}, {260}, Qt::Vertical);
}

QAction *MainWindow::addAction(QMenu *menu, const QString &text, const QString &iconName,
                               const QKeySequence &shortcut, const std::function<void()> &slot)
{
    auto *action = new QAction(iconName.isEmpty() ? QIcon() : QIcon::fromTheme(iconName), text,
                               this);
    if (!shortcut.isEmpty())
        action->setShortcut(shortcut);
    connect(action, &QAction::triggered, this, slot);
    menu->addAction(action);
    return action;
}

void MainWindow::createActions()
{
    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    createFileMenu(toolBar);
    createEditMenu(toolBar);
    QMenu *modelMenu = menuBar()->addMenu(tr("&Model"));
    addAction(modelMenu, tr("&Properties…"), QStringLiteral("document-properties"),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
              [this] { ModelPropertiesDialog::edit(m_document, this); });
    createViewMenu(toolBar);
    createArrangeMenu(toolBar);
    createAnalysisMenu();
    createHelpMenu();
    updateRecentMenu();
    updateExamplesMenu();
}

void MainWindow::createFileMenu(QToolBar *toolBar)
{
    QStyle *s = style();
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newAction = addAction(file, tr("&New"), QStringLiteral("document-new"),
                                   QKeySequence::New, [this] { newDocument(); });
    if (newAction->icon().isNull())
        newAction->setIcon(s->standardIcon(QStyle::SP_FileIcon));
    QAction *openAction = addAction(file, tr("&Open…"), QStringLiteral("document-open"),
                                    QKeySequence::Open, [this] { openWithDialog(); });
    if (openAction->icon().isNull())
        openAction->setIcon(s->standardIcon(QStyle::SP_DialogOpenButton));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_examplesMenu = file->addMenu(tr("Open &Example"));
    QMenu *importMenu = file->addMenu(tr("&Import"));
    importMenu->addAction(tr("Docker &Compose Files…"), this, [this] {
        if (!maybeSave())
            return;
        // The report says which order was used.
        const QStringList files = composeMergeOrder(
            QFileDialog::getOpenFileNames(this, tr("Import Docker Compose Files"), QString(),
                                          tr("Compose files (*.yml *.yaml);;All files (*)")));
        if (!files.isEmpty())
            importDeployment(ImportSource::Compose, files);
    });
    importMenu->addAction(tr("&Kubernetes Manifests…"), this, [this] {
        if (!maybeSave())
            return;
        const QStringList files = QFileDialog::getOpenFileNames(
            this, tr("Import Kubernetes Manifests"), QString(),
            tr("Manifests (*.yaml *.yml *.json);;All files (*)"));
        if (!files.isEmpty())
            importDeployment(ImportSource::Kubernetes, files);
    });
    importMenu->addAction(tr("Kubernetes Manifest &Folder…"), this, [this] {
        if (!maybeSave())
            return;
        const QString folder = QFileDialog::getExistingDirectory(
            this, tr("Import the Manifests in a Folder"));
        if (!folder.isEmpty())
            importDeployment(ImportSource::Kubernetes, {folder});
    });
    file->addAction(tr("&Update from Deployment Files…"), this,
                    [this] { updateFromDeploymentFiles(this, m_document, *m_layoutEngine); });
    m_comparison->addMenuActions(file);
    auto *browse = new QAction(tr("Open an &Example…"), this);
    browse->setToolTip(tr("Examples of Docker, Compose and Kubernetes deployments"));
    connect(browse, &QAction::triggered, this, [this] { browseExamples(); });
    new EmptyCanvasHint(m_view, m_document, browse, importMenu->actions());
    file->addSeparator();
    QAction *saveAction = addAction(file, tr("&Save"), QStringLiteral("document-save"),
                                    QKeySequence::Save, [this] { save(); });
    if (saveAction->icon().isNull())
        saveAction->setIcon(s->standardIcon(QStyle::SP_DialogSaveButton));
    addAction(file, tr("Save &As…"), QStringLiteral("document-save-as"), QKeySequence::SaveAs,
              [this] { saveAs(); });
    addAction(file, tr("&Export Report…"), QStringLiteral("document-export"),
              QKeySequence(Qt::CTRL | Qt::Key_E), [this] { exportWithDialog(); });
    QAction *revertAction = addAction(file, tr("Re&vert"), QStringLiteral("document-revert"),
                                      QKeySequence(), [this] { revert(); });
    file->addSeparator();
    QAction *quit = addAction(file, tr("&Quit"), QStringLiteral("application-exit"),
                              QKeySequence::Quit, [this] { close(); });
    quit->setMenuRole(QAction::QuitRole);
    toolBar->addAction(newAction);
    toolBar->addAction(openAction);
    toolBar->addAction(saveAction);
    toolBar->addSeparator();
    connect(m_document, &Document::modifiedChanged, revertAction, [this, revertAction] {
        revertAction->setEnabled(m_document->isModified() && !m_document->filePath().isEmpty());
    });
    revertAction->setEnabled(false);
}

void MainWindow::createEditMenu(QToolBar *toolBar)
{
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    // Curved arrows: the style's straight ones read as a browser's back and forward.
    const QColor iconColor = QWidget::palette().color(QPalette::WindowText);
    undo->setIcon(actionIcon(QStringLiteral("undo"), iconColor));
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    redo->setIcon(actionIcon(QStringLiteral("undo"), iconColor, true)); // its mirror image
    edit->addAction(undo);
    edit->addAction(redo);
    toolBar->addAction(undo);
    toolBar->addAction(redo);
    toolBar->addSeparator();
    edit->addSeparator();
    addAction(edit, tr("Cu&t"), QStringLiteral("edit-cut"), QKeySequence::Cut,
              [this] { m_scene->cutSelection(); });
    addAction(edit, tr("&Copy"), QStringLiteral("edit-copy"), QKeySequence::Copy,
              [this] { m_scene->copySelection(); });
    addAction(edit, tr("&Paste"), QStringLiteral("edit-paste"), QKeySequence::Paste,
              [this] { m_scene->paste(); });
    addAction(edit, tr("D&uplicate"), QStringLiteral("edit-copy"),
              QKeySequence(Qt::CTRL | Qt::Key_D), [this] { m_scene->duplicateSelection(); });
    addAction(edit, tr("&Delete"), QStringLiteral("edit-delete"), QKeySequence::Delete,
              [this] { m_scene->deleteSelection(); });
    edit->addSeparator();
    addAction(edit, tr("Select &All"), QStringLiteral("edit-select-all"), QKeySequence::SelectAll,
              [this] {
                  for (QGraphicsItem *item : m_scene->items())
                      if (item->flags() & QGraphicsItem::ItemIsSelectable)
                          item->setSelected(true);
              });
    addAction(edit, tr("Re&name"), QString(), QKeySequence(Qt::Key_F2), [this] {
        const QStringList ids = m_scene->selectedIds();
        if (ids.size() == 1)
            m_view->startRename(ids.first());
    });
}

void MainWindow::createViewMenu(QToolBar *toolBar)
{
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *zoomIn = addAction(m_viewMenu, tr("Zoom &In"), QStringLiteral("zoom-in"),
                                QKeySequence::ZoomIn, [this] { m_view->zoomIn(); });
    QAction *zoomOut = addAction(m_viewMenu, tr("Zoom &Out"), QStringLiteral("zoom-out"),
                                 QKeySequence::ZoomOut, [this] { m_view->zoomOut(); });
    QAction *fit = addAction(m_viewMenu, tr("&Fit to Window"), QStringLiteral("zoom-fit-best"),
                             QKeySequence(Qt::CTRL | Qt::Key_9), [this] { m_view->fitToWindow(); });
    addAction(m_viewMenu, tr("&Actual Size"), QStringLiteral("zoom-original"),
              QKeySequence(Qt::CTRL | Qt::Key_0), [this] { m_view->resetZoom(); });
    m_viewMenu->addSeparator();
    QAction *grid = addAction(m_viewMenu, tr("Show &Grid"), QString(),
                              QKeySequence(Qt::CTRL | Qt::Key_Apostrophe), [] {});
    grid->setCheckable(true);
    grid->setChecked(m_scene->showGrid());
    connect(grid, &QAction::toggled, m_scene, &DiagramScene::setShowGrid);
    QAction *snap = addAction(m_viewMenu, tr("&Snap to Grid"), QString(), QKeySequence(), [] {});
    snap->setCheckable(true);
    snap->setChecked(m_scene->snapToGrid());
    connect(snap, &QAction::toggled, m_scene, &DiagramScene::setSnapToGrid);
    m_viewMenu->addSeparator();
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        m_viewMenu->addAction(dock->toggleViewAction());
    toolBar->addAction(zoomIn);
    toolBar->addAction(zoomOut);
    toolBar->addAction(fit);
    toolBar->addSeparator();
}

void MainWindow::createArrangeMenu(QToolBar *toolBar)
{
    QMenu *arrange = menuBar()->addMenu(tr("&Arrange"));
    auto *tools = new QActionGroup(this);
    m_selectTool = addAction(arrange, tr("&Select and Move"), QString(), QKeySequence(Qt::Key_V),
                             [this] { m_scene->setTool(DiagramScene::Tool::Select); });
    m_connectTool = addAction(arrange, tr("Draw &Flow"), QString(), QKeySequence(Qt::Key_F),
                              [this] { m_scene->setTool(DiagramScene::Tool::Connect); });
    arrange->addSeparator();
    addAction(arrange, tr("&Auto-layout"), QString(),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L), [this] { autoLayout(); });
    m_selectTool->setCheckable(true);
    m_connectTool->setCheckable(true);
    m_selectTool->setChecked(true);
    m_selectTool->setToolTip(tr("Select, move and resize (V)"));
    m_connectTool->setToolTip(tr("Drag from one element to another to add a data flow (F)"));
    tools->addAction(m_selectTool);
    tools->addAction(m_connectTool);
    toolBar->addAction(m_selectTool);
    toolBar->addAction(m_connectTool);
    connect(m_scene, &DiagramScene::toolChanged, this, [this](DiagramScene::Tool tool) {
        m_selectTool->setChecked(tool != DiagramScene::Tool::Connect);
        m_connectTool->setChecked(tool == DiagramScene::Tool::Connect);
        updateStatus();
    });
}

void MainWindow::createAnalysisMenu()
{
    QMenu *analysisMenu = menuBar()->addMenu(tr("A&nalysis"));
    addAction(analysisMenu, tr("&Re-run Analysis"), QStringLiteral("view-refresh"),
              QKeySequence::Refresh, [this] { m_analysis->analyzeNow(); });
    addAction(analysisMenu, tr("&Load Catalog…"), QStringLiteral("document-import"), QKeySequence(),
              [this] {
                  const QStringList files = QFileDialog::getOpenFileNames(
                      this, tr("Load Catalog Files"), QString(),
                      tr("Bulkhead catalogs (*.json);;All files (*)"));
                  if (!files.isEmpty())
                      loadCatalogs(m_extraCatalogs + files);
              });
    addAction(analysisMenu, tr("Use the &Built-in Catalog Only"), QString(), QKeySequence(),
              [this] { loadCatalogs({}); });
    analysisMenu->addSeparator();
    addAction(analysisMenu, tr("&Catalog Browser…"), QString(),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K), [this] {
                  auto *browser = new CatalogBrowser(m_document->catalog(), this);
                  browser->setAttribute(Qt::WA_DeleteOnClose);
                  // A catalog switch would leave it pointing at the old one.
                  connect(m_document, &Document::modelReset, browser, &QWidget::close);
                  browser->show();
              });
}

void MainWindow::createHelpMenu()
{
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    addAction(help, tr("&User Guide"), QStringLiteral("help-contents"), QKeySequence::HelpContents,
              [this] { UserGuideDialog::showWindow(this); });
    addAction(help, tr("&Keyboard Shortcuts"), QString(), QKeySequence(),
              [this] { ShortcutsDialog(menuBar(), this).exec(); });
    help->addSeparator();
    QAction *about = addAction(help, tr("&About Bulkhead"), QStringLiteral("help-about"),
                               QKeySequence(), [this] { showAbout(); });
    about->setMenuRole(QAction::AboutRole);
}

// ---- files -------------------------------------------------------------------------------

bool MainWindow::maybeSave()
{
    if (!m_document->isModified())
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"),
        tr("“%1” has unsaved changes. Save them first?").arg(m_document->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::newDocument()
{
    if (maybeSave())
        m_document->clear();
}

bool MainWindow::openFile(const QString &path)
{
    QString error;
    if (!m_document->load(path, &error)) {
        QMessageBox::warning(this, tr("Cannot open model"), error);
        return false;
    }
    addRecentFile(m_document->filePath());
    return true;
}

void MainWindow::openWithDialog()
{
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Threat Model"), QString(),
                                                      fileFilter);
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::openExample(const QString &resourcePath)
{
    QFile file(resourcePath);
    QString error = tr("cannot read the example %1").arg(resourcePath);
    // An example opens as a new, unsaved document: the user saves a copy of their own.
    if (file.open(QIODevice::ReadOnly)
        && m_document->loadText(file.readAll(), QFileInfo(resourcePath).fileName(), QString(),
                                false, &error))
        return true;
    QMessageBox::warning(this, tr("Cannot open example"), error);
    return false;
}

bool MainWindow::importDeployment(ImportSource source, const QStringList &paths)
{
    Result<ImportResult> imported = importDeploymentFiles(source, paths, m_document->catalog(),
                                                          *m_layoutEngine);
    if (!imported) {
        QMessageBox::critical(this, tr("Cannot import"), QString::fromStdString(imported.error()));
        return false;
    }
    const QString summary = importSummary(imported->model, paths);
    if (QString refused;
        !m_document->loadModel(std::move(imported->model), QString(), true, &refused)) {
        QMessageBox::critical(this, tr("Cannot import"), refused);
        return false;
    }
    m_view->fitToWindow();
    auto *dialog = new ImportReportDialog(summary, imported->report, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    statusBar()->showMessage(summary, 8000);
    return true;
}

bool MainWindow::save()
{
    // A shortcut does not take focus from a field being typed in.
    m_properties->commitPendingEdits();
    m_details->commitPendingEdits();
    if (m_document->filePath().isEmpty())
        return saveAs();
    QString error;
    if (!m_document->save(m_document->filePath(), &error)) {
        QMessageBox::critical(this, tr("Cannot save"), error);
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(m_document->filePath()), 4000);
    return true;
}

bool MainWindow::saveAs()
{
    m_properties->commitPendingEdits();
    m_details->commitPendingEdits();
    QString suggestion = m_document->filePath();
    if (suggestion.isEmpty()) {
        const QString title = qs(m_document->model().metadata().title);
        suggestion = (title.isEmpty() ? tr("threat-model")
                                      : title.toLower().replace(QLatin1Char(' '), QLatin1Char('-')))
                     + QStringLiteral(".bulkhead.json");
    }
    QString path = QFileDialog::getSaveFileName(this, tr("Save Threat Model"), suggestion,
                                                fileFilter);
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QLatin1String(".json")))
        path += QStringLiteral(".bulkhead.json");
    QString error;
    if (!m_document->save(path, &error)) {
        QMessageBox::critical(this, tr("Cannot save"), error);
        return false;
    }
    addRecentFile(m_document->filePath());
    return true;
}

void MainWindow::revert()
{
    if (m_document->filePath().isEmpty() || !m_document->isModified())
        return;
    const auto answer = QMessageBox::question(
        this, tr("Revert"),
        tr("Discard all changes since “%1” was last saved?").arg(m_document->displayName()));
    if (answer == QMessageBox::Yes)
        openFile(m_document->filePath());
}

void MainWindow::addRecentFile(const QString &path)
{
    QSettings settings;
    QStringList files = settings.value(QStringLiteral("recentFiles")).toStringList();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > maxRecentFiles)
        files.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), files);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString &path : files) {
        QAction *action = m_recentMenu->addAction(QFileInfo(path).fileName());
        action->setToolTip(path);
        action->setStatusTip(path);
        connect(action, &QAction::triggered, this, [this, path] {
            if (maybeSave())
                openFile(path);
        });
    }
    m_recentMenu->setEnabled(!files.isEmpty());
}

QStringList MainWindow::exampleResources()
{
    return exampleResourcePaths();
}

void MainWindow::updateExamplesMenu()
{
    m_examplesMenu->clear();
    m_examplesMenu->addAction(tr("&Browse Examples…"), this, [this] { browseExamples(); });
    m_examplesMenu->addSeparator();
    for (const BundledExample &example : bundledExamples()) {
        QAction *action = m_examplesMenu->addAction(example.title);
        action->setToolTip(example.description);
        action->setStatusTip(example.description);
        connect(action, &QAction::triggered, this, [this, path = example.resourcePath] {
            if (maybeSave())
                openExample(path);
        });
    }
    m_examplesMenu->setToolTipsVisible(true);
}

void MainWindow::browseExamples()
{
    ExamplesDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted && !dialog.selectedPath().isEmpty() && maybeSave())
        openExample(dialog.selectedPath());
}

bool MainWindow::offerRecovery()
{
    const auto orphans = RecoveryManager::orphans();
    if (orphans.isEmpty())
        return false;
    const RecoveryManager::Orphan &latest = orphans.first();
    const QString name = latest.originalPath.isEmpty() ? tr("an unsaved model")
                                                       : QFileInfo(latest.originalPath).fileName();
    const auto answer = QMessageBox::question(
        this, tr("Recover unsaved changes?"),
        tr("Bulkhead did not close properly. Changes to %1 were saved automatically at %2.\n\n"
           "Recover them?")
            .arg(name, QLocale().toString(latest.savedAt.toLocalTime(), QLocale::ShortFormat)),
        QMessageBox::Yes | QMessageBox::Discard, QMessageBox::Yes);
    bool recovered = false;
    if (answer == QMessageBox::Yes) {
        QFile file(latest.modelFile);
        QString error;
        if (file.open(QIODevice::ReadOnly)
            && m_document->loadText(file.readAll(), latest.modelFile, latest.originalPath, true,
                                    &error)) {
            recovered = true;
            m_recovery->autosave(); // this session now holds the changes
        } else {
            QMessageBox::warning(this, tr("Cannot recover"), error);
            return false; // keep the file: nothing is deleted that could not be restored
        }
    }
    for (const RecoveryManager::Orphan &orphan : orphans)
        RecoveryManager::removeOrphan(orphan);
    return recovered;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    m_recovery->discard();
    event->accept();
}

// ---- status ------------------------------------------------------------------------------

void MainWindow::updateTitle()
{
    const QString title = qs(m_document->model().metadata().title);
    setWindowTitle(title.isEmpty()
                       ? tr("%1[*] — Bulkhead").arg(m_document->displayName())
                       : tr("%1[*] — %2 — Bulkhead").arg(m_document->displayName(), title));
    setWindowModified(m_document->isModified());
}

void MainWindow::updateStatus()
{
    m_zoomLabel->setText(tr("Zoom %1%").arg(qRound(m_view->zoom() * 100)));
    const QStringList ids = m_scene->selectedIds();
    const ThreatModel &model = m_document->model();
    QString text;
    if (m_scene->tool() == DiagramScene::Tool::Place)
        text = tr("Click the canvas to place it, or drag out a boundary. Esc cancels.");
    else if (m_scene->tool() == DiagramScene::Tool::Connect)
        text = tr("Drag from one element to another to add a data flow. Esc returns to selecting.");
    else if (ids.size() == 1) {
        const ItemRef item = findItem(model, ids.first().toStdString());
        if (const Element *e = item.element())
            text = tr("%1 — %2 (%3)").arg(qs(e->name), qs(e->kind), ids.first());
        else if (const Boundary *b = item.boundary())
            text = tr("%1 — %2 boundary (%3)").arg(qs(b->name), qs(b->kind), ids.first());
        else if (item)
            text = tr("Flow %1 (%2)").arg(qs(shownName(model, item)), ids.first());
    } else if (!ids.isEmpty()) {
        text = tr("%n items selected", nullptr, int(ids.size()));
    } else {
        text = tr("%1 elements · %2 flows · %3 boundaries")
                   .arg(model.elements().size())
                   .arg(model.flows().size())
                   .arg(model.boundaries().size());
    }
    m_selectionLabel->setText(text);
}

void MainWindow::refreshProblems()
{
    m_problems->clear();
    for (const Diagnostic &d : m_document->diagnostics()) {
        const bool isError = d.severity == DiagnosticSeverity::Error;
        auto *item = new QListWidgetItem(style()->standardIcon(isError
                                                                   ? QStyle::SP_MessageBoxCritical
                                                                   : QStyle::SP_MessageBoxWarning),
                                         qs(d.message), m_problems);
        item->setData(IdRole, qs(d.subject));
        item->setToolTip(qs(d.code));
    }
    if (m_problems->count() == 0)
        m_problems->addItem(tr("No problems found."));
}

void MainWindow::exportWithDialog()
{
    QString suggestion = m_document->filePath();
    if (suggestion.isEmpty())
        suggestion = QDir::home().filePath(tr("threat-report"));
    suggestion.replace(QStringLiteral(".bulkhead.json"), QString());
    ExportDialog dialog(suggestion + QStringLiteral(".html"), this);
    if (dialog.exec() != QDialog::Accepted || dialog.path().isEmpty())
        return;
    exportReport(dialog.path(), dialog.format(), dialog.options());
}

bool MainWindow::exportReport(const QString &path, ReportFormat format,
                              const ReportOptions &options)
{
    m_analysis->ensureCurrent();
    if (const Status written = exportDocumentReport(*m_document, m_analysis->result(), path, format,
                                                    options);
        !written) {
        QMessageBox::critical(this, tr("Cannot export"), QString::fromStdString(written.error()));
        return false;
    }
    statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
    return true;
}

bool MainWindow::exportReport(const QString &path, int format)
{
    return exportReport(path, ReportFormat(format), ReportOptions());
}

bool MainWindow::autoLayout()
{
    if (const Status arranged = bulkhead::autoLayout(*m_document, *m_layoutEngine); !arranged) {
        QMessageBox::warning(this, tr("Auto-layout"), QString::fromStdString(arranged.error()));
        return false;
    }
    m_view->fitToWindow();
    return true;
}

void MainWindow::setLayoutEngine(std::unique_ptr<LayoutEngine> engine)
{
    m_layoutEngine = std::move(engine);
}

bool MainWindow::loadCatalogs(const QStringList &files)
{
    std::vector<std::filesystem::path> paths;
    for (const QString &file : files)
        paths.emplace_back(file.toStdString());
    auto loaded = loadCatalogWithExtras(paths);
    if (!loaded) {
        QMessageBox::warning(this, tr("Cannot load catalog"),
                             QString::fromStdString(loaded.error()));
        return false;
    }
    m_extraCatalogs = files;
    m_document->setCatalog(std::make_unique<Catalog>(std::move(*loaded)));
    m_palette->setCatalog(m_document->catalog());
    statusBar()->showMessage(files.isEmpty()
                                 ? tr("Using the built-in catalog")
                                 : tr("Loaded %n extra catalog files", nullptr, int(files.size())),
                             5000);
    return true;
}

void MainWindow::showThreat(const QString &threatId)
{
    m_analysis->ensureCurrent();
    m_details->showThreat(threatId);
    if (QDockWidget *dock = qobject_cast<QDockWidget *>(m_details->parentWidget()))
        dock->raise();
    const Threat *threat = m_analysis->result().findThreat(threatId.toStdString());
    if (!threat)
        return;
    const QString subject = QString::fromStdString(threat->subjectId);
    if (m_document->typeOf(subject) != ItemType::None) {
        const QSignalBlocker blocker(m_threats); // selecting on the canvas must not refilter now
        m_scene->selectIds({subject});
        if (QGraphicsItem *item = m_scene->selectedItems().value(0))
            m_view->centerOn(item);
    }
}

void MainWindow::showThreatOfSelection(const QStringList &ids)
{
    // The Threat panel follows the canvas without taking the Properties tab's place: it keeps a
    // threat of the selection it already shows (a threat row picked the selection), else shows
    // the selection's first threat in the table's order, or nothing when it has none.
    if (ids.isEmpty())
        return;
    if (const Threat *shown = m_analysis->result().findThreat(m_details->threatId().toStdString());
        shown && ids.contains(QString::fromStdString(shown->subjectId)))
        return;
    const QString first = m_threats->firstThreatOf(ids);
    if (first.isEmpty()) {
        m_details->commitPendingEdits();
        m_details->clear();
        return;
    }
    const QSignalBlocker blocker(m_threats);
    m_threats->selectThreat(first);
    m_details->showThreat(first);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Bulkhead"),
                       tr("<b>Bulkhead</b> %1<br>STRIDE threat modeling for container deployments.")
                           .arg(QApplication::applicationVersion()));
}

} // namespace bulkhead
