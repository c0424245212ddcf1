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

/// Polls `futures` concurrently, at most `limit` at a time (0 for no limit), starting them
/// in order. Returns the outputs in input order, or the first error (in completion order)
/// together with the indexes of the futures still running when it happened, which are
/// dropped (cancelled).
pub(crate) struct JoinOrdered<'a, T, E> {
    make: Box<dyn FnMut(usize) -> ChildFuture<'a, T, E> + 'a>,
    total: usize,
    limit: usize,
    started: usize,
    running: Vec<Running<'a, T, E>>,
    results: Vec<Option<T>>,
    parent: Arc<std::sync::Mutex<Option<Waker>>>,
}

/// A child of a join.
pub(crate) type ChildFuture<'a, T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + 'a>>;

struct Running<'a, T, E> {
    index: usize,
    future: ChildFuture<'a, T, E>,
    flag: Arc<ChildFlag>,
}

#[derive(Debug)]
struct ChildFlag {
    woken: AtomicBool,
    parent: Arc<std::sync::Mutex<Option<Waker>>>,
}

impl Wake for ChildFlag {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::SeqCst);
        if let Ok(parent) = self.parent.lock()
            && let Some(waker) = parent.as_ref()
        {
            waker.wake_by_ref();
        }
    }
}

/// A failed join: the error and the children that were cancelled.
#[derive(Debug)]
pub(crate) struct JoinFailure<E> {
    pub(crate) error: E,
    pub(crate) cancelled: Vec<usize>,
}

impl<'a, T, E> JoinOrdered<'a, T, E> {
    /// Joins `total` futures made on demand by `make(index)`.
    pub(crate) fn new(
        total: usize,
        limit: usize,
        make: impl FnMut(usize) -> ChildFuture<'a, T, E> + 'a,
    ) -> Self {
        Self {
            make: Box::new(make),
            total,
            limit,
            started: 0,
            running: Vec::new(),
            results: Vec::new(),
            parent: Arc::new(std::sync::Mutex::new(None)),
        }
    }

    fn capacity_left(&self) -> bool {
        self.limit == 0 || self.running.len() < self.limit
    }
}

// The join never pins its outputs or errors; children are pinned in their own boxes.
impl<T, E> Unpin for JoinOrdered<'_, T, E> {}

impl<T, E> Future for JoinOrdered<'_, T, E> {
    type Output = Result<Vec<T>, JoinFailure<E>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        if this.results.len() < this.total {
            this.results.resize_with(this.total, || None);
        }
        if let Ok(mut parent) = this.parent.lock() {
            match parent.as_ref() {
                Some(waker) if waker.will_wake(cx.waker()) => {}
                _ => *parent = Some(cx.waker().clone()),
            }
        }
        loop {
            let mut progressed = false;
            // Poll the running children that were woken, in start order.
            let mut position = 0;
            while position < this.running.len() {
                let child = &mut this.running[position];
                if child.flag.woken.swap(false, Ordering::SeqCst) {
                    let waker = Waker::from(Arc::clone(&child.flag));
                    let mut child_cx = Context::from_waker(&waker);
                    if let Poll::Ready(outcome) = child.future.as_mut().poll(&mut child_cx) {
                        let index = child.index;
                        this.running.remove(position);
                        progressed = true;
                        match outcome {
                            Ok(value) => this.results[index] = Some(value),
                            Err(error) => return Poll::Ready(Err(this.fail(error))),
                        }
                        continue;
                    }
                }
                position += 1;
            }
            // Start more children while there is room; each gets a first poll at once.
            while this.started < this.total && this.capacity_left() {
                let index = this.started;
                this.started += 1;
                let future = (this.make)(index);
                let flag = Arc::new(ChildFlag {
                    woken: AtomicBool::new(true),
                    parent: Arc::clone(&this.parent),
                });
                this.running.push(Running {
                    index,
                    future,
                    flag,
                });
                progressed = true;
                // Poll it right away (the flag is set), before starting the next one, so
                // that children that finish at once never pile up in memory.
                let position = this.running.len() - 1;
                let child = &mut this.running[position];
                child.flag.woken.store(false, Ordering::SeqCst);
                let waker = Waker::from(Arc::clone(&child.flag));
                let mut child_cx = Context::from_waker(&waker);
                if let Poll::Ready(outcome) = child.future.as_mut().poll(&mut child_cx) {
                    this.running.pop();
                    match outcome {
                        Ok(value) => this.results[index] = Some(value),
                        Err(error) => return Poll::Ready(Err(this.fail(error))),
                    }
                }
            }
            if this.running.is_empty() && this.started >= this.total {
                let results = std::mem::take(&mut this.results);
                return Poll::Ready(Ok(results.into_iter().flatten().collect()));
            }
            let any_woken = this
                .running
                .iter()
                .any(|child| child.flag.woken.load(Ordering::SeqCst));
            if !progressed && !any_woken {
                return Poll::Pending;
            }
            if !any_woken && !this.capacity_left() {
                return Poll::Pending;
            }
        }
    }
}

impl<T, E> JoinOrdered<'_, T, E> {
    fn fail(&mut self, error: E) -> JoinFailure<E> {
        let cancelled = self.running.iter().map(|child| child.index).collect();
        self.running.clear();
        JoinFailure { error, cancelled }
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
    fn joined_children_finish_in_timer_order_and_results_keep_input_order() {
        let timers = Rc::new(Timers::starting_at(0));
        let log = RefCell::new(Vec::new());
        let out = drive(&timers, async {
            let delays = [30, 10, 20];
            JoinOrdered::new(3, 0, |index| {
                let timers = &timers;
                let log = &log;
                Box::pin(async move {
                    timers.sleep(delays[index]).await;
                    log.borrow_mut().push((index, timers.now()));
                    Ok::<_, ()>(index * 10)
                })
            })
            .await
        })
        .unwrap();
        assert_eq!(out.unwrap(), vec![0, 10, 20]);
        assert_eq!(*log.borrow(), vec![(1, 10), (2, 20), (0, 30)]);
    }

    #[test]
    fn a_limit_of_one_runs_children_one_after_the_other() {
        let timers = Rc::new(Timers::starting_at(0));
        let out = drive(&timers, async {
            JoinOrdered::new(3, 1, |_| {
                let timers = &timers;
                Box::pin(async move {
                    timers.sleep(5).await;
                    Ok::<_, ()>(timers.now())
                })
            })
            .await
        })
        .unwrap();
        assert_eq!(out.unwrap(), vec![5, 10, 15]);
    }

    #[test]
    fn the_first_failure_cancels_the_running_children() {
        let timers = Rc::new(Timers::starting_at(0));
        let out = drive(&timers, async {
            JoinOrdered::new(3, 0, |index| {
                let timers = &timers;
                Box::pin(async move {
                    timers.sleep([50, 5, 100][index]).await;
                    if index == 1 { Err("boom") } else { Ok(index) }
                })
            })
            .await
        })
        .unwrap();
        let failure = out.unwrap_err();
        assert_eq!(failure.error, "boom");
        assert_eq!(failure.cancelled, vec![0, 2]);
        assert_eq!(timers.now(), 5);
        assert!(timers.pending.borrow().is_empty());
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
