//! A single-threaded async runtime with virtual time: timers never sleep, the clock jumps
//! to the next deadline whenever every running branch is waiting.
//!
//! Branches of a Parallel state, Map iterations, task timeouts and mocks are ordinary
//! futures polled by [`drive`]. When a poll leaves nothing to do (no waker fired) and no
//! mock is waiting on something outside the executor, the clock advances to the earliest
//! timer deadline and the woken futures run. The order in which futures run is fixed
//! (branch order, then timer order), so runs are deterministic.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

/// Milliseconds since the Unix epoch, in virtual time.
pub(crate) type Millis = i64;

/// The virtual clock and its pending timers.
#[derive(Debug, Default)]
pub(crate) struct Timers {
    now: Cell<Millis>,
    next_id: Cell<u64>,
    pending: RefCell<BTreeMap<(Millis, u64), Waker>>,
    /// How many mock futures are waiting on something outside the executor.
    external: Cell<usize>,
    /// Set by virtual waits registered during the current poll of a mock.
    virtual_wait: Cell<bool>,
}

impl Timers {
    /// A clock reading `start`.
    pub(crate) fn starting_at(start: Millis) -> Self {
        let timers = Self::default();
        timers.now.set(start);
        timers
    }

    /// The current virtual time.
    pub(crate) fn now(&self) -> Millis {
        self.now.get()
    }

    /// A future that completes when the clock reaches `deadline`.
    pub(crate) fn sleep_until(self: &Rc<Self>, deadline: Millis) -> Sleep {
        Sleep {
            timers: Rc::clone(self),
            deadline,
            key: None,
        }
    }

    /// A future that completes `millis` from now.
    pub(crate) fn sleep(self: &Rc<Self>, millis: Millis) -> Sleep {
        self.sleep_until(self.now().saturating_add(millis.max(0)))
    }

    /// How many timers are pending.
    #[cfg(test)]
    pub(crate) fn pending_count(&self) -> usize {
        self.pending.borrow().len()
    }

    /// Whether some timer is pending.
    fn next_deadline(&self) -> Option<Millis> {
        self.pending
            .borrow()
            .keys()
            .next()
            .map(|(deadline, _)| *deadline)
    }

    /// Moves the clock to `deadline` and wakes every timer due by then.
    fn advance_to(&self, deadline: Millis) {
        if deadline > self.now.get() {
            self.now.set(deadline);
        }
        let due: Vec<Waker> = {
            let mut pending = self.pending.borrow_mut();
            let later = pending.split_off(&(deadline.saturating_add(1), 0));
            let due = std::mem::replace(&mut *pending, later);
            due.into_values().collect()
        };
        for waker in due {
            waker.wake();
        }
    }

    /// Marks that the mock being polled registered a virtual wait.
    pub(crate) fn note_virtual_wait(&self) {
        self.virtual_wait.set(true);
    }

    /// Clears the virtual-wait mark before a mock is polled; returns the previous value.
    pub(crate) fn take_virtual_wait(&self) -> bool {
        self.virtual_wait.replace(false)
    }

    /// Counts a mock that waits on the outside world.
    pub(crate) fn external_started(&self) {
        self.external.set(self.external.get() + 1);
    }

    /// Uncounts a mock that no longer waits on the outside world.
    pub(crate) fn external_finished(&self) {
        self.external.set(self.external.get().saturating_sub(1));
    }
}

/// A virtual-time timer.
#[derive(Debug)]
pub(crate) struct Sleep {
    timers: Rc<Timers>,
    deadline: Millis,
    key: Option<(Millis, u64)>,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.timers.now() >= self.deadline {
            if let Some(key) = self.key.take() {
                self.timers.pending.borrow_mut().remove(&key);
            }
            return Poll::Ready(());
        }
        self.timers.note_virtual_wait();
        let key = if let Some(key) = self.key {
            key
        } else {
            let id = self.timers.next_id.get();
            self.timers.next_id.set(id + 1);
            let key = (self.deadline, id);
            self.key = Some(key);
            key
        };
        self.timers
            .pending
            .borrow_mut()
            .insert(key, cx.waker().clone());
        Poll::Pending
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if let Some(key) = self.key.take() {
            self.timers.pending.borrow_mut().remove(&key);
        }
    }
}

/// Wakes the driving thread and records that something happened.
#[derive(Debug)]
struct Signal {
    woken: AtomicBool,
    thread: Thread,
}

impl Wake for Signal {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::SeqCst);
        self.thread.unpark();
    }
}

/// Why [`drive`] stopped without a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stalled {
    /// Nothing can make progress: no timer is pending and nothing outside is awaited.
    Deadlock,
}

/// Runs `future` to completion on the current thread, advancing virtual time whenever all
/// work is waiting on timers.
pub(crate) fn drive<F: Future>(timers: &Timers, future: F) -> Result<F::Output, Stalled> {
    let signal = Arc::new(Signal {
        woken: AtomicBool::new(false),
        thread: thread::current(),
    });
    let waker = Waker::from(Arc::clone(&signal));
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        signal.woken.store(false, Ordering::SeqCst);
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return Ok(output);
        }
        if signal.woken.load(Ordering::SeqCst) {
            continue;
        }
        if timers.external.get() > 0 {
            // A mock waits on real I/O: block until its waker fires.
            while !signal.woken.load(Ordering::SeqCst) {
                thread::park();
            }
            continue;
        }
        match timers.next_deadline() {
            Some(deadline) => timers.advance_to(deadline),
            None => return Err(Stalled::Deadlock),
        }
    }
}

/// Races two futures; the first to finish wins and the other is dropped.
pub(crate) async fn race<A: Future, B: Future>(
    first: A,
    second: B,
) -> Either<A::Output, B::Output> {
    let mut first = std::pin::pin!(first);
    let mut second = std::pin::pin!(second);
    std::future::poll_fn(move |cx| {
        if let Poll::Ready(value) = first.as_mut().poll(cx) {
            return Poll::Ready(Either::Left(value));
        }
        if let Poll::Ready(value) = second.as_mut().poll(cx) {
            return Poll::Ready(Either::Right(value));
        }
        Poll::Pending
    })
    .await
}

/// A future that is pending once and wakes itself at once: the caller lets its siblings
/// run at the same virtual instant before it goes on.
pub(crate) fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

/// See [`yield_now`].
#[derive(Debug)]
pub(crate) struct YieldNow {
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// The winner of [`race`].
#[derive(Debug)]
pub(crate) enum Either<A, B> {
    /// The first future finished first.
    Left(A),
    /// The second future finished first.
    Right(B),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sleeping_advances_virtual_time_without_waiting() {
        let timers = Rc::new(Timers::starting_at(1_000));
        let out = drive(&timers, async {
            timers.sleep(31_536_000_000).await;
            timers.now()
        });
        assert_eq!(out, Ok(1_000 + 31_536_000_000));
    }

    #[test]
    fn waiting_forever_is_reported_as_a_deadlock() {
        let timers = Rc::new(Timers::starting_at(0));
        let out = drive(&timers, std::future::pending::<()>());
        assert_eq!(out, Err(Stalled::Deadlock));
    }

    #[test]
    fn race_returns_the_earlier_timer() {
        let timers = Rc::new(Timers::starting_at(0));
        let out = drive(&timers, async {
            match race(timers.sleep(10), timers.sleep(3)).await {
                Either::Left(()) => "left",
                Either::Right(()) => "right",
            }
        });
        assert_eq!(out, Ok("right"));
        assert_eq!(timers.now(), 3);
    }
}
