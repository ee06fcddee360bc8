"""Queue worker: reads jobs from the SQS queue named in QUEUE_NAME and logs them."""
import os
import time

import boto3

queue = boto3.resource("sqs").get_queue_by_name(QueueName=os.environ["QUEUE_NAME"])
batch_size = int(os.environ.get("BATCH_SIZE", "10"))

while True:
    for message in queue.receive_messages(MaxNumberOfMessages=batch_size, WaitTimeSeconds=20):
        print(f"processing {message.message_id}: {message.body[:200]}", flush=True)
        message.delete()
    time.sleep(1)
