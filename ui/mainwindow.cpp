#include "mainwindow.h"

#include "catalog/catalog.h"
#include "document.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QTreeWidget>

#include <set>

namespace bulkhead {

namespace {

constexpr int IdRole = Qt::UserRole;

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

QString kindLabel(const Catalog &catalog, const std::string &kindId)
{
    const ElementKind *kind = catalog.findKind(kindId);
    return kind ? qs(kind->displayName) : qs(kindId);
}

} // namespace

MainWindow::MainWindow(Document *document, QWidget *parent)
    : QMainWindow(parent)
    , m_document(document)
{
    m_outline = new QTreeWidget(this);
    m_outline->setColumnCount(3);
    m_outline->setHeaderLabels({tr("Name"), tr("Kind"), tr("Id")});
    m_outline->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_outline->setAlternatingRowColors(true);
    setCentralWidget(m_outline);

    m_problems = new QListWidget(this);
    auto *problemsDock = new QDockWidget(tr("Problems"), this);
    problemsDock->setObjectName(QStringLiteral("problemsDock"));
    problemsDock->setWidget(m_problems);
    addDockWidget(Qt::BottomDockWidgetArea, problemsDock);
    connect(m_problems, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        selectOutlineItem(item->data(IdRole).toString());
    });
    connect(m_problems, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        selectOutlineItem(item->data(IdRole).toString());
    });

    m_statusCounts = new QLabel(this);
    statusBar()->addPermanentWidget(m_statusCounts);

    createActions();
    connect(m_document, &Document::modelReset, this, &MainWindow::refresh);
    resize(1100, 720);
    resizeDocks({problemsDock}, {170}, Qt::Vertical);
    refresh();
}

void MainWindow::createActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));

    auto *open = new QAction(QIcon::fromTheme(QStringLiteral("document-open"),
                                              style()->standardIcon(QStyle::SP_DialogOpenButton)),
                             tr("&Open…"), this);
    open->setShortcut(QKeySequence::Open);
    open->setStatusTip(tr("Open a threat model"));
    connect(open, &QAction::triggered, this, &MainWindow::openWithDialog);
    fileMenu->addAction(open);
    toolBar->addAction(open);

    fileMenu->addSeparator();
    auto *quit = new QAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"),
                             this);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    fileMenu->addAction(quit);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    auto *about = new QAction(tr("&About Bulkhead"), this);
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    helpMenu->addAction(about);
}

bool MainWindow::openFile(const QString &path)
{
    QString error;
    if (m_document->load(path, &error))
        return true;
    QMessageBox::warning(this, tr("Cannot open model"), error);
    return false;
}

void MainWindow::openWithDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Threat Model"), QString(),
        tr("Bulkhead models (*.bulkhead.json);;JSON files (*.json);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Bulkhead"),
                       tr("<b>Bulkhead</b> %1<br>STRIDE threat modeling for container "
                          "deployments.")
                           .arg(QApplication::applicationVersion()));
}

void MainWindow::refresh()
{
    const ModelMetadata &meta = m_document->model().metadata();
    const QString title = meta.title.empty() ? m_document->displayName() : qs(meta.title);
    setWindowTitle(tr("%1 — %2 — Bulkhead").arg(title, m_document->displayName()));
    fillOutline();
    fillProblems();
}

QTreeWidgetItem *MainWindow::addBoundaryItem(const QString &boundaryId, QTreeWidgetItem *parent)
{
    const Boundary *boundary = m_document->model().findBoundary(boundaryId.toStdString());
    auto *item = new QTreeWidgetItem(parent);
    item->setText(0, qs(boundary->name));
    item->setText(1, kindLabel(m_document->catalog(), boundary->kind));
    item->setText(2, boundaryId);
    item->setData(0, IdRole, boundaryId);
    QFont font = item->font(0);
    font.setBold(true);
    item->setFont(0, font);
    return item;
}

void MainWindow::fillOutline()
{
    m_outline->clear();
    const ThreatModel &model = m_document->model();
    const Catalog &catalog = m_document->catalog();

    // Boundaries are placed under their parent; ones in a broken chain (missing parent or a
    // cycle) go to the top level so nothing in the file is hidden from the user.
    QHash<QString, QTreeWidgetItem *> boundaryItems;
    std::set<std::string> placed;
    bool progress = true;
    while (progress) {
        progress = false;
        for (const Boundary &b : model.boundaries()) {
            if (placed.count(b.id))
                continue;
            QTreeWidgetItem *parent = nullptr;
            if (!b.parent.empty()) {
                parent = boundaryItems.value(qs(b.parent));
                if (!parent)
                    continue;
            }
            QTreeWidgetItem *item = addBoundaryItem(qs(b.id), parent);
            if (!parent)
                m_outline->addTopLevelItem(item);
            boundaryItems.insert(qs(b.id), item);
            placed.insert(b.id);
            progress = true;
        }
    }
    for (const Boundary &b : model.boundaries()) {
        if (placed.insert(b.id).second)
            m_outline->addTopLevelItem(addBoundaryItem(qs(b.id), nullptr));
    }

    for (const Element &e : model.elements()) {
        QTreeWidgetItem *parent = boundaryItems.value(qs(e.boundary));
        auto *item = new QTreeWidgetItem(parent);
        item->setText(0, qs(e.name));
        item->setText(1, kindLabel(catalog, e.kind));
        item->setText(2, qs(e.id));
        item->setData(0, IdRole, qs(e.id));
        if (!parent)
            m_outline->addTopLevelItem(item);
    }

    if (!model.flows().empty()) {
        auto *flows = new QTreeWidgetItem(m_outline, {tr("Data flows")});
        QFont font = flows->font(0);
        font.setItalic(true);
        flows->setFont(0, font);
        for (const Flow &f : model.flows()) {
            auto endName = [&](const std::string &id) {
                const Element *end = model.findElement(id);
                return end ? qs(end->name) : qs(id);
            };
            auto *item = new QTreeWidgetItem(flows);
            const QString arrow = f.bidirectional ? QStringLiteral(" ⇄ ") : QStringLiteral(" → ");
            item->setText(0, qs(f.name));
            item->setText(1, endName(f.source) + arrow + endName(f.target));
            item->setText(2, qs(f.id));
            item->setData(0, IdRole, qs(f.id));
        }
    }
    m_outline->expandAll();
    m_outline->resizeColumnToContents(1);

    m_statusCounts->setText(tr("%1 elements · %2 flows · %3 boundaries")
                                .arg(model.elements().size())
                                .arg(model.flows().size())
                                .arg(model.boundaries().size()));
}

void MainWindow::fillProblems()
{
    m_problems->clear();
    for (const Diagnostic &d : m_document->diagnostics()) {
        const bool isError = d.severity == DiagnosticSeverity::Error;
        auto *item = new QListWidgetItem(
            style()->standardIcon(isError ? QStyle::SP_MessageBoxCritical
                                          : QStyle::SP_MessageBoxWarning),
            qs(d.message), m_problems);
        item->setData(IdRole, qs(d.subject));
        item->setToolTip(qs(d.code));
    }
    if (m_problems->count() == 0)
        m_problems->addItem(tr("No problems found."));
}

void MainWindow::selectOutlineItem(const QString &id)
{
    if (id.isEmpty())
        return;
    for (QTreeWidgetItemIterator it(m_outline); *it; ++it) {
        if ((*it)->data(0, IdRole).toString() == id) {
            m_outline->setCurrentItem(*it);
            m_outline->scrollToItem(*it);
            return;
        }
    }
}

} // namespace bulkhead
