//! Helpers for the end-to-end tests in `tests/`: a minimal W3C WebDriver client that drives the
//! real Leadbook window through tauri-driver + WebKitWebDriver, and paths to the built binaries.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub type Result<T> = std::result::Result<T, String>;

/// `target/debug` (or wherever cargo put this test binary's profile dir).
pub fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    // target/debug/deps/e2e-xxxx -> target/debug
    exe.parent()
        .and_then(Path::parent)
        .expect("profile dir")
        .to_path_buf()
}

/// Names another build of the app to drive instead of this profile's (a release build, say:
/// `LEADBOOK_APP=target/release/leadbook cargo test -p leadbook-tests --test e2e_timing`).
pub const APP_ENV: &str = "LEADBOOK_APP";

/// The built desktop app: `$LEADBOOK_APP` if set, else the one beside this test binary (the test
/// script builds it, with the UI, before running E2E tests).
pub fn app_binary() -> PathBuf {
    let path = match std::env::var_os(APP_ENV) {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => profile_dir().join(if cfg!(windows) {
            "leadbook.exe"
        } else {
            "leadbook"
        }),
    };
    assert!(
        path.exists(),
        "{} is missing: build the UI and the app first (npm --prefix ui run build && cargo build -p leadbook)",
        path.display()
    );
    path
}

/// Where the E2E run saves screenshots: `<repo>/target/screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A running tauri-driver plus one WebDriver session = one app window on one data dir.
pub struct App {
    driver: Child,
    base: String,
    session: String,
    agent: ureq::Agent,
    data_dir: PathBuf,
}

/// A WebDriver element reference.
#[derive(Clone, Debug)]
pub struct Element(String);

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// WebDriver key codes for `type_into`.
pub const ENTER: char = '\u{E007}';
pub const ESCAPE: char = '\u{E00C}';
/// Held down until `NULL_KEY` (a chord: `format!("{CONTROL}b{NULL_KEY}")`).
pub const CONTROL: char = '\u{E009}';
pub const NULL_KEY: char = '\u{E000}';

impl App {
    /// Starts tauri-driver on free ports and launches the app with `--data-dir data_dir`.
    pub fn launch(data_dir: &Path) -> Result<App> {
        let port = free_port();
        let native_port = free_port();
        let driver = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| {
                format!("cannot start tauri-driver (cargo install tauri-driver --locked): {e}")
            })?;
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .into();
        let mut app = App {
            driver,
            base: format!("http://127.0.0.1:{port}"),
            session: String::new(),
            agent,
            data_dir: data_dir.to_path_buf(),
        };
        app.wait_for_driver()?;
        let caps = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "wry",
                "tauri:options": {
                    "application": app_binary(),
                    "args": ["--data-dir", data_dir],
                }
            }}
        });
        let created = app.post("/session", caps)?;
        app.session = created["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no session id in {created}"))?
            .to_string();
        Ok(app)
    }

    fn wait_for_driver(&self) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if self
                .agent
                .get(format!("{}/status", self.base))
                .call()
                .is_ok()
            {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err("tauri-driver did not start within 30 s".into())
    }

    fn url(&self, path: &str) -> String {
        if path == "/session" {
            format!("{}/session", self.base)
        } else {
            format!("{}/session/{}{}", self.base, self.session, path)
        }
    }

    fn unwrap_value(mut response: ureq::http::Response<ureq::Body>) -> Result<Value> {
        let status = response.status();
        let body: Value = response.body_mut().read_json().map_err(|e| e.to_string())?;
        let value = body.get("value").cloned().unwrap_or(Value::Null);
        if status.is_success() {
            Ok(value)
        } else {
            Err(format!("WebDriver error {status}: {value}"))
        }
    }

    fn post(&self, path: &str, body: Value) -> Result<Value> {
        let response = self
            .agent
            .post(self.url(path))
            .send_json(&body)
            .map_err(|e| e.to_string())?;
        Self::unwrap_value(response)
    }

    fn get(&self, path: &str) -> Result<Value> {
        let response = self
            .agent
            .get(self.url(path))
            .call()
            .map_err(|e| e.to_string())?;
        Self::unwrap_value(response)
    }

    /// The first element matching `css`, or an error.
    pub fn find(&self, css: &str) -> Result<Element> {
        let v = self.post("/element", json!({"using": "css selector", "value": css}))?;
        v[ELEMENT_KEY]
            .as_str()
            .map(|id| Element(id.to_string()))
            .ok_or_else(|| format!("no element id for {css}: {v}"))
    }

    pub fn find_all(&self, css: &str) -> Result<Vec<Element>> {
        let v = self.post("/elements", json!({"using": "css selector", "value": css}))?;
        Ok(v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e[ELEMENT_KEY].as_str())
                    .map(|id| Element(id.into()))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Waits up to 15 s for an element matching `css` to appear.
    pub fn wait_for(&self, css: &str) -> Result<Element> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            match self.find(css) {
                Ok(e) => return Ok(e),
                Err(e) if Instant::now() > deadline => {
                    return Err(format!("waiting for {css}: {e}"))
                }
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }

    /// Waits up to 15 s until the text of `css` contains `needle`; returns the text.
    pub fn wait_for_text(&self, css: &str, needle: &str) -> Result<String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let text = self
                .find(css)
                .and_then(|e| self.text(&e))
                .unwrap_or_default();
            if text.contains(needle) {
                return Ok(text);
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "{css} never contained {needle:?}; last text: {text:?}"
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn click(&self, el: &Element) -> Result<()> {
        self.post(&format!("/element/{}/click", el.0), json!({}))
            .map(|_| ())
    }

    pub fn type_into(&self, el: &Element, text: &str) -> Result<()> {
        self.post(&format!("/element/{}/value", el.0), json!({"text": text}))
            .map(|_| ())
    }

    /// Replaces a field's text the way a user does (select it all, type over it), so the page
    /// sees input events; WebDriver's Element Clear fires none and Svelte bindings miss it.
    pub fn replace_text(&self, el: &Element, text: &str) -> Result<()> {
        self.post(
            "/execute/sync",
            json!({"script": "arguments[0].focus(); arguments[0].select();", "args": [{ELEMENT_KEY: el.0}]}),
        )?;
        self.type_into(el, text)
    }

    /// The element's rendered text. Read through `innerText` because WebKitWebDriver's
    /// Get Element Text answers "" for some visible elements (seen for lists in flex panes).
    pub fn text(&self, el: &Element) -> Result<String> {
        let v = self.post(
            "/execute/sync",
            json!({"script": "return arguments[0].innerText;", "args": [{ELEMENT_KEY: el.0}]}),
        )?;
        Ok(v.as_str().unwrap_or_default().to_string())
    }

    pub fn title(&self) -> Result<String> {
        self.get("/title")
            .map(|v| v.as_str().unwrap_or_default().to_string())
    }

    /// Runs JavaScript in the page and returns its result.
    pub fn execute(&self, script: &str) -> Result<Value> {
        self.post("/execute/sync", json!({"script": script, "args": []}))
    }

    /// Runs asynchronous JavaScript in the page: the script gets `args` as `arguments[0..n]` and
    /// a callback as the last argument, and its result is what it passes to that callback.
    pub fn execute_async(&self, script: &str, args: Value) -> Result<Value> {
        self.post("/execute/async", json!({"script": script, "args": args}))
    }

    /// Saves a PNG of the window to `target/screenshots/<name>.png`.
    ///
    /// WebKitWebDriver's screenshot endpoint never answers under Xvfb here, so this captures the
    /// X display instead (ImageMagick `import`). The test script sizes the Xvfb screen to the
    /// window, and without a window manager the window sits at the origin.
    pub fn screenshot(&self, name: &str) -> Result<PathBuf> {
        // Let the last interaction paint before capturing.
        std::thread::sleep(Duration::from_millis(300));
        let path = screenshot_dir().join(format!("{name}.png"));
        let status = Command::new("import")
            .args(["-window", "root"])
            .arg(&path)
            .status()
            .map_err(|e| format!("cannot run ImageMagick import: {e}"))?;
        if !status.success() {
            return Err(format!("import failed for {name}: {status}"));
        }
        Ok(path)
    }

    /// Puts `text` on the clipboard the way a user does: typed into a field of the page,
    /// selected, Ctrl+C (WebKit copies to the system clipboard; a script may not).
    pub fn copy_to_clipboard(&self, text: &str) -> Result<()> {
        let v = self.execute(
            "const t = document.createElement('textarea');
             t.id = 'e2e-clipboard';
             t.style.cssText = 'position:fixed;left:0;bottom:0;width:200px;height:40px;z-index:9999';
             document.body.appendChild(t);
             return t;",
        )?;
        let el = Element(
            v[ELEMENT_KEY]
                .as_str()
                .ok_or("no clipboard field")?
                .to_string(),
        );
        self.type_into(&el, text)?;
        self.execute("document.getElementById('e2e-clipboard').select()")?;
        self.type_into(&el, &format!("{CONTROL}c{NULL_KEY}"))?;
        self.execute("document.getElementById('e2e-clipboard').remove()")?;
        Ok(())
    }

    /// Picks a file in a native open dialog titled `title` by pasting its path (put on the
    /// clipboard with `copy_to_clipboard` before the dialog opens: the dialog holds the page)
    /// into the dialog's location bar. Typed, the path gets mangled: the bar completes names
    /// inline, and a completion for a folder still loading lands in the middle of the path.
    pub fn native_open_dialog(&self, title: &str) -> Result<()> {
        xdotool(&["search", "--sync", "--onlyvisible", "--name", title])?;
        std::thread::sleep(Duration::from_millis(500));
        for keys in ["ctrl+l", "ctrl+a", "ctrl+v"] {
            xdotool(&["key", keys])?;
            std::thread::sleep(Duration::from_millis(300));
        }
        xdotool(&["key", "Return"])
    }

    /// Answers a native dialog (a GTK file dialog, say) with xdotool: waits up to 20 s for a
    /// visible window titled `title` (it takes the keyboard), types `text` over its focused field (if any), then
    /// presses `key` (e.g. "Return", "Escape").
    pub fn native_dialog(&self, title: &str, text: &str, key: &str) -> Result<()> {
        let xdotool = |args: &[&str]| -> Result<()> {
            let status = Command::new("timeout")
                .arg("20")
                .arg("xdotool")
                .args(args)
                .status()
                .map_err(|e| format!("xdotool: {e}"))?;
            if status.success() {
                Ok(())
            } else {
                Err(format!("xdotool {args:?} failed: {status}"))
            }
        };
        xdotool(&["search", "--sync", "--onlyvisible", "--name", title])?;
        // GTK puts the keyboard focus in the file name field once the dialog has mapped.
        std::thread::sleep(Duration::from_millis(500));
        if !text.is_empty() {
            xdotool(&["key", "ctrl+a"])?;
            // GTK starts completing a folder after each typed "/" and can swallow the very next
            // keystroke: type the path a segment at a time, pausing after each slash.
            for chunk in text.split_inclusive('/') {
                xdotool(&["type", "--delay", "15", chunk])?;
                if chunk.ends_with('/') {
                    std::thread::sleep(Duration::from_millis(400));
                }
            }
        }
        xdotool(&["key", key])
    }

    /// Closes the main window as a window manager does when the user clicks its close button:
    /// a `WM_PROTOCOLS`/`WM_DELETE_WINDOW` client message, which GTK turns into a close request
    /// (so the page's close handler runs). Xvfb has no window manager, so alt+F4 does nothing.
    pub fn close_window(&self) -> Result<()> {
        use x11rb::connection::Connection;
        use x11rb::protocol::xproto::{
            AtomEnum, ClientMessageEvent, ConnectionExt, EventMask, MapState, Window,
        };
        let pid = self.app_pid().ok_or("the app is not running")?;
        let err = |e: &dyn std::fmt::Display| format!("X11: {e}");
        let (conn, screen) = x11rb::connect(None).map_err(|e| err(&e))?;
        let atom = |name: &str| -> Result<u32> {
            let cookie = conn
                .intern_atom(false, name.as_bytes())
                .map_err(|e| err(&e))?;
            Ok(cookie.reply().map_err(|e| err(&e))?.atom)
        };
        let (protocols, delete, wm_pid) = (
            atom("WM_PROTOCOLS")?,
            atom("WM_DELETE_WINDOW")?,
            atom("_NET_WM_PID")?,
        );
        let prop = |w: Window, name: u32, kind: AtomEnum| -> Option<Vec<u8>> {
            let reply = conn.get_property(false, w, name, kind, 0, 256).ok()?;
            reply.reply().ok().map(|r| r.value)
        };
        let cardinals = |w: Window, name: u32, kind: AtomEnum| -> Vec<u32> {
            let bytes = prop(w, name, kind).unwrap_or_default();
            bytes
                .chunks_exact(4)
                .map(|c| u32::from_ne_bytes(c.try_into().unwrap()))
                .collect()
        };
        // GTK also keeps an unmapped leader window ("leadbook"), and dialogs are top-level
        // windows too: pick the app's mapped window titled as in tauri.conf.json.
        let root = conn.setup().roots[screen].root;
        let children = conn.query_tree(root).map_err(|e| err(&e))?;
        let window = children
            .reply()
            .map_err(|e| err(&e))?
            .children
            .into_iter()
            .find(|&w| {
                let mapped = conn
                    .get_window_attributes(w)
                    .ok()
                    .and_then(|c| c.reply().ok())
                    .is_some_and(|a| a.map_state == MapState::VIEWABLE);
                mapped
                    && cardinals(w, wm_pid, AtomEnum::CARDINAL) == [pid]
                    && prop(w, AtomEnum::WM_NAME.into(), AtomEnum::STRING).as_deref()
                        == Some(b"Leadbook".as_slice())
                    && cardinals(w, protocols, AtomEnum::ATOM).contains(&delete)
            })
            .ok_or_else(|| format!("no Leadbook window with WM_DELETE_WINDOW for pid {pid}"))?;
        let event = ClientMessageEvent::new(
            32,
            window,
            protocols,
            [delete, x11rb::CURRENT_TIME, 0, 0, 0],
        );
        conn.send_event(false, window, EventMask::NO_EVENT, event)
            .map_err(|e| err(&e))?;
        conn.flush().map_err(|e| err(&e))?;
        Ok(())
    }

    /// Waits up to 15 s for the app process on this data dir to exit (after `close_window`).
    pub fn wait_for_exit(&self) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(15);
        while self.app_pid().is_some() {
            if Instant::now() > deadline {
                return Err("the app did not exit within 15 s".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(())
    }

    /// The pid of the app process running on this data dir, if any.
    fn app_pid(&self) -> Option<u32> {
        let pattern = format!("leadbook --data-dir {}", self.data_dir.display());
        let out = Command::new("pgrep").args(["-f", &pattern]).output().ok()?;
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find_map(|l| l.trim().parse().ok())
    }

    /// Ends the session, which closes the app.
    pub fn quit(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if !self.session.is_empty() {
            let _ = self
                .agent
                .delete(format!("{}/session/{}", self.base, self.session))
                .call();
            self.session.clear();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for App {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Runs xdotool, giving up after 20 s (`search --sync` waits for a window that may never come).
fn xdotool(args: &[&str]) -> Result<()> {
    let status = Command::new("timeout")
        .arg("20")
        .arg("xdotool")
        .args(args)
        .status()
        .map_err(|e| format!("xdotool: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("xdotool {args:?} failed: {status}"))
    }
}

fn tauri_driver() -> PathBuf {
    if let Ok(path) = std::env::var("TAURI_DRIVER") {
        return path.into();
    }
    let cargo_bin = dirs_home().join(".cargo/bin/tauri-driver");
    if cargo_bin.exists() {
        cargo_bin
    } else {
        "tauri-driver".into()
    }
}

fn dirs_home() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default()
}
