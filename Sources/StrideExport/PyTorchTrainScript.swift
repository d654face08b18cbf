/// The torchrun script written beside an exported module: DistributedDataParallel training
/// on a data set exported by `Dataset.export` (images and labels in safetensors), one line per
/// epoch with the mean loss over every process, and the trained weights saved as safetensors
/// that Stride's `model.load` reads.
enum PyTorchTrainScript {
    static func source(stem: String) -> String {
        template.replacingOccurrences(of: "{STEM}", with: stem)
    }

    private static let template = #"""
"""Trains {STEM}.Model with DistributedDataParallel, one process per CPU or GPU:

    torchrun --nproc_per_node 2 {STEM}_train_ddp.py --data train.safetensors --epochs 2

The data set is one exported by Stride's `Dataset.export` ("images" [N, ...], "labels" [N]).
Processes talk over gloo on CPU and nccl where CUDA exists. The trained weights are written
as safetensors (--out) that Stride's `model.load` reads.
"""
import argparse
import os
import pathlib
import sys

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler
from safetensors.torch import load_file, save_file

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from {STEM} import WEIGHTS, Model  # noqa: E402


def arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="a safetensors file written by Dataset.export")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=64, help="per process")
    parser.add_argument("--lr", type=float, default=1e-3, help="Adam's learning rate")
    parser.add_argument("--weights", default=str(WEIGHTS), help="the weights to start from")
    parser.add_argument("--out", default="{STEM}_trained.safetensors", help="where the trained weights go")
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args()


def main():
    args = arguments()
    cuda = torch.cuda.is_available()
    dist.init_process_group("nccl" if cuda else "gloo")
    rank = dist.get_rank()
    device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", 0))) if cuda else torch.device("cpu")
    torch.manual_seed(args.seed)

    model = Model()
    model.load_state_dict(load_file(args.weights), strict=True)
    model.to(device)
    ddp = DistributedDataParallel(model, device_ids=[device.index] if cuda else None)

    data = load_file(args.data)
    dataset = TensorDataset(data["images"].float(), data["labels"].long())
    sampler = DistributedSampler(dataset, shuffle=True, seed=args.seed)
    loader = DataLoader(dataset, batch_size=args.batch_size, sampler=sampler)
    optimizer = torch.optim.Adam(ddp.parameters(), lr=args.lr)
    loss_function = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        ddp.train()
        # The loss summed over this process's samples, and their count.
        totals = torch.zeros(2, device=device)
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            optimizer.zero_grad()
            loss = loss_function(ddp(images), labels)
            loss.backward()
            optimizer.step()
            totals += torch.stack([loss.detach() * len(labels), torch.tensor(float(len(labels)), device=device)])
        dist.all_reduce(totals)
        if rank == 0:
            print(f"epoch {epoch + 1}/{args.epochs}: loss {(totals[0] / totals[1]).item():.4f}", flush=True)

    if rank == 0:
        state = {name: tensor.detach().cpu().contiguous() for name, tensor in model.state_dict().items()}
        save_file(state, args.out)
        print(f"saved {args.out}", flush=True)
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
"""#
}
