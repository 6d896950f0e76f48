//! Running the converter program: in a process group of its own, watched against a deadline and a cancel flag,
//! and killed with everything it started (soffice starts soffice.bin, which may start helpers).

use std::process::{Child, Command, ExitStatus};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How a run ended.
#[derive(Debug)]
pub(crate) enum Ended {
    Exited(ExitStatus),
    TimedOut,
    Cancelled,
}

/// How often the child is polled, and how often `progress` hears the time spent.
const POLL: Duration = Duration::from_millis(25);
const TELL: Duration = Duration::from_millis(250);

/// Starts `cmd` in a new process group and waits for it, at most `deadline`; on time-out or cancel the whole
/// group (on Windows: the process tree) is killed before this returns.
pub(crate) fn run(
    cmd: &mut Command,
    deadline: Duration,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(Duration),
) -> std::io::Result<Ended> {
    new_group(cmd);
    let start = Instant::now();
    let mut child = cmd.spawn()?;
    let mut told = Duration::ZERO;
    loop {
        if let Some(status) = child.try_wait()? {
            // A helper the program left running would hold the profile: the group goes too.
            kill_tree(&mut child);
            return Ok(Ended::Exited(status));
        }
        let spent = start.elapsed();
        if spent >= deadline || cancel.load(Ordering::Relaxed) {
            kill_tree(&mut child);
            let _ = child.wait();
            return Ok(if spent >= deadline { Ended::TimedOut } else { Ended::Cancelled });
        }
        if spent >= told + TELL {
            told = spent;
            progress(spent);
        }
        std::thread::sleep(POLL);
    }
}

#[cfg(unix)]
fn new_group(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    cmd.process_group(0);
}

#[cfg(windows)]
fn new_group(cmd: &mut Command) {
    use std::os::windows::process::CommandExt;
    // CREATE_NEW_PROCESS_GROUP | CREATE_NO_WINDOW: its own group, and no console window flashing up.
    cmd.creation_flags(0x0000_0200 | 0x0800_0000);
}

#[cfg(not(any(unix, windows)))]
fn new_group(_cmd: &mut Command) {}

/// Kills the child's process group (its id is the group's: `process_group(0)`). The group id stays taken while
/// any member lives, so this never reaches an unrelated process; a group already gone is not an error.
#[cfg(unix)]
fn kill_tree(child: &mut Child) {
    use nix::sys::signal::{killpg, Signal};
    use nix::unistd::Pid;
    if let Ok(pid) = i32::try_from(child.id()) {
        let _ = killpg(Pid::from_raw(pid), Signal::SIGKILL);
    }
    let _ = child.kill();
}

/// Windows has no process groups to signal: `taskkill /T` ends the process and every process it started (a job
/// object would need unsafe FFI, which the workspace forbids).
#[cfg(windows)]
fn kill_tree(child: &mut Child) {
    use std::os::windows::process::CommandExt;
    let _ = Command::new("taskkill")
        .args(["/PID", &child.id().to_string(), "/T", "/F"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .creation_flags(0x0800_0000)
        .status();
    let _ = child.kill();
}

#[cfg(not(any(unix, windows)))]
fn kill_tree(child: &mut Child) {
    let _ = child.kill();
}
