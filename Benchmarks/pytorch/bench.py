"""PyTorch on this machine, timed the way lstmlab-bench times LSTMLab, for a same-machine comparison.

The seed article's models: LSTM(64) over 5 features, Dense(2) on h_T, softmax cross-entropy, Adam (Keras's
defaults: lr 1e-3, eps 1e-7), Float32, 1000 random samples per epoch, shuffled batches via a DataLoader.

    python3 Benchmarks/pytorch/bench.py [--quick] [--grid] [--threads N] [--json FILE]
    python3 Benchmarks/pytorch/bench.py --fit-cell T,B [--epochs E] [--samples N]

--fit-cell times whole training epochs of one (T, B) cell and prints one JSON line; `lstmlab-bench --fit-grid` calls
it cell by cell, alternating with its own epochs, so that the two are paired under the same machine conditions.

Prints seconds per epoch (median of the epochs after the first) for the two seed configurations, sequences/s of one
LSTM forward + backward (last-step loss) at (B=64, T=20) and (B=16, T=200), and with --grid the (T, B) grid.
--json writes the figures for `lstmlab-bench --pytorch FILE`. Needs torch (a CPU build is enough).
"""
import argparse
import json
import platform
import statistics
import time

import torch
from torch import nn

FEATURES, HIDDEN, CLASSES, SAMPLES = 5, 64, 2, 1000


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(FEATURES, HIDDEN, batch_first=True)
        self.dense = nn.Linear(HIDDEN, CLASSES)

    def forward(self, x):
        _, (h, _) = self.lstm(x)
        return self.dense(h[-1])


def epoch_seconds(steps, batch, epochs, samples=SAMPLES):
    """Seconds of each epoch of one training on random data (T=steps, batch size batch)."""
    torch.manual_seed(0)
    x = torch.randn(samples, steps, FEATURES)
    y = torch.randint(0, CLASSES, (samples,))
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=batch, shuffle=True)
    model = Classifier()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    times = []
    for _ in range(epochs):
        start = time.perf_counter()
        for xb, yb in loader:
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
        times.append(time.perf_counter() - start)
    return times


def lstm_sequences_per_second(steps, batch, budget):
    """One LSTM layer forward + backward with a gradient on h_T only (as lstmlab-bench's LSTM figures)."""
    torch.manual_seed(0)
    lstm = nn.LSTM(FEATURES, HIDDEN)  # time-major, as LSTMLab
    x = torch.randn(steps, batch, FEATURES)
    dh = torch.randn(batch, HIDDEN)

    def once():
        lstm.zero_grad()
        out, _ = lstm(x)
        out[-1].backward(dh)

    start = time.perf_counter()
    once()
    first = time.perf_counter() - start
    reps = max(1, min(15, int(budget / max(first, 1e-6))))
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        once()
        times.append(time.perf_counter() - start)
    return batch / statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer epochs and a 2 x 2 grid")
    parser.add_argument("--grid", action="store_true", help="also the (T, B) grid")
    parser.add_argument("--json", metavar="FILE", help="write the figures as JSON for lstmlab-bench --pytorch")
    parser.add_argument("--threads", type=int, help="torch.set_num_threads (default: PyTorch's, one per core)")
    parser.add_argument("--fit-cell", metavar="T,B", help="time training epochs of one cell; print one JSON line")
    parser.add_argument("--epochs", type=int, default=3, help="epochs for --fit-cell (default 3)")
    parser.add_argument("--samples", type=int, default=SAMPLES, help=f"sequences per epoch for --fit-cell ({SAMPLES})")
    args = parser.parse_args()
    if args.threads is not None:
        if args.threads < 1:
            parser.error(f"--threads {args.threads}: give 1 or more")
        torch.set_num_threads(args.threads)
    if args.fit_cell is not None:
        try:
            steps, batch = (int(part) for part in args.fit_cell.split(","))
        except ValueError:
            parser.error(f"--fit-cell {args.fit_cell}: expected T,B, two positive integers such as 100,64")
        if steps < 1 or batch < 1 or args.epochs < 2 or args.samples < 1:
            parser.error("--fit-cell needs T, B, --samples >= 1 and --epochs >= 2")
        times = epoch_seconds(steps, batch, args.epochs, samples=args.samples)
        print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "steps": steps,
                          "batch": batch, "samples": args.samples, "epoch_seconds": times}))
        return

    epochs = 3 if args.quick else 6
    figures = {"torch": torch.__version__, "threads": torch.get_num_threads(), "machine": platform.processor(),
               "train": [], "lstm": [], "grid": []}
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads")
    print("\n| config | s/epoch | sequences/s |\n| :-- | --: | --: |")
    for steps, batch in [(20, 64), (200, 16)]:
        times = epoch_seconds(steps, batch, epochs)
        per_epoch = statistics.median(times[1:])
        figures["train"].append({"steps": steps, "batch": batch, "seconds_per_epoch": per_epoch})
        print(f"| T={steps} B={batch} | {per_epoch:.3f} | {SAMPLES / per_epoch:,.0f} |")

    print("\n| LSTM fwd+bwd | sequences/s |\n| :-- | --: |")
    for batch, steps in [(64, 20), (16, 200)]:
        rate = lstm_sequences_per_second(steps, batch, budget=0.5 if args.quick else 2)
        figures["lstm"].append({"steps": steps, "batch": batch, "sequences_per_second": rate})
        print(f"| B={batch} T={steps} | {rate:,.0f} |")

    if args.grid:
        steps_list = [10, 100] if args.quick else [10, 20, 50, 100, 200, 500, 1000]
        batches = [8, 64] if args.quick else [8, 16, 32, 64, 128, 256]
        print("\nLSTM forward + backward, sequences/s\n")
        print("| T \\ B | " + " | ".join(f"B={b}" for b in batches) + " |")
        print("| :-- |" + " --: |" * len(batches))
        for steps in steps_list:
            row = []
            for batch in batches:
                rate = lstm_sequences_per_second(steps, batch, budget=0.3 if args.quick else 1.5)
                figures["grid"].append({"steps": steps, "batch": batch, "sequences_per_second": rate})
                row.append(f"{rate:,.0f}")
            print(f"| T={steps} | " + " | ".join(row) + " |")

    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=1)
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
